namespace VideoPipe.Media;

public enum VideoContainer
{
    Mp4,
    Matroska,
    Nut,
}
