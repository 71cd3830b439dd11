namespace VideoPipe.Torch;

/// <summary>
/// The native allocator's bytes in use in its arenas, bytes free but still held by them (not returned to the
/// system), bytes in blocks mmapped on their own (returned when freed), and how many arenas there are.
/// </summary>
public readonly record struct NativeHeapStats(long ArenaInUseBytes, long ArenaFreeBytes, long MmappedBytes, long Arenas);
