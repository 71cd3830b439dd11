namespace VideoPipe.Engine;

/// <summary>A pipeline file or override that cannot be read at all (not JSON, bad --set syntax).</summary>
public sealed class PipelineFormatException(string message, Exception? inner = null) : Exception(message, inner);
