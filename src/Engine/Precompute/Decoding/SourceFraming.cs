using VideoPipe.Media;
using VideoPipe.Media.Reading;

namespace VideoPipe.Precompute;

/// <summary>A source's upright size and how the reader resized and cut it (Media's rule), as latent metadata records them.</summary>
public sealed record SourceFraming(FrameSize OriginalSize, OutputGeometry Geometry);
