namespace VideoPipe.Media;

public enum VideoEncoding
{
    /// <summary>libx264, CRF + preset, yuv420p BT.709 limited range: small files for people.</summary>
    H264,

    /// <summary>FFV1 over bgr0: bit-exact RGB round trips (matroska or nut).</summary>
    LosslessFfv1,

    /// <summary>libx264rgb at qp 0: bit-exact RGB that also fits in mp4.</summary>
    LosslessH264Rgb,
}
