namespace VideoPipe.Precompute;

/// <summary>A fault of the run rather than of one item (storage, device, ledger): the shard stops with a non-zero exit code.</summary>
public sealed class SystemicFaultException(string message, Exception? inner = null) : Exception(message, inner);
