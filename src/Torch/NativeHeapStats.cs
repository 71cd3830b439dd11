namespace VideoPipe.Torch;

/// <summary>
/// The native allocator's bytes in use in its arenas, bytes free but still held by them (not returned to the
/// system), and bytes in blocks mmapped on their own (returned when freed).
/// </summary>
public readonly record struct NativeHeapStats(long ArenaInUseBytes, long ArenaFreeBytes, long MmappedBytes);
