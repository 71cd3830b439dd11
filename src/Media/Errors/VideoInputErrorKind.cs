namespace VideoPipe.Media;

/// <summary>Why a video input could not be (fully) read.</summary>
public enum VideoInputErrorKind
{
    NotFound,
    EmptyFile,
    NotAVideo,
    NoVideoStream,
    UnsupportedCodec,
    InvalidDimensions,
    Truncated,
    Corrupt,
    Timeout,
    DecoderFailed,
}
