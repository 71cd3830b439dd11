namespace VideoPipe.Media.Reading;

/// <summary>Rejects probed inputs the reader cannot or should not decode, before ffmpeg is started.</summary>
internal static class InputValidation
{
    public static void Check(VideoInfo info, MediaLimits limits)
    {
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new VideoInputException(info.Path, VideoInputErrorKind.InvalidDimensions, $"the video stream reports a frame size of {info.Width}x{info.Height}");
        }

        if (info.Width > limits.MaxWidth || info.Height > limits.MaxHeight || (long)info.Width * info.Height > limits.MaxPixels)
        {
            throw new VideoInputException(info.Path, VideoInputErrorKind.InvalidDimensions,
                $"{info.Width}x{info.Height} exceeds the limit of {limits.MaxWidth}x{limits.MaxHeight} ({limits.MaxPixels} pixels)");
        }

        if (info.Codec is "none" or "" or "unknown")
        {
            throw new VideoInputException(info.Path, VideoInputErrorKind.UnsupportedCodec, "ffmpeg does not know the video codec of this file");
        }
    }
}
