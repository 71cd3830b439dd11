namespace VideoPipe.Engine;

/// <summary>A plugin folder that could not be loaded, and why; the host goes on without it.</summary>
public sealed record PluginLoadFailure(string Folder, string Reason);

/// <summary>The outcome of unloading a replaced plugin version: whether its context was really collected.</summary>
public sealed record PluginUnloadReport(string Id, string Version, bool Collected, TimeSpan Waited);
