namespace VideoPipe.Engine;

/// <summary>
/// A fault of the run rather than of one item (storage, device, ledger): a stage that throws it stops the whole
/// pipeline under every error policy, since quarantining item after item would only hide it.
/// </summary>
public sealed class SystemicFaultException(string message, Exception? inner = null) : Exception(message, inner);
