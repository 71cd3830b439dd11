namespace VideoPipe.Host;

/// <summary>
/// When a command streams data (a video) to standard output, every text line (result, notes, anything written
/// with Console.Out) must go to stderr instead. Writers of the data open the raw stdout stream
/// (Console.OpenStandardOutput), which this does not affect.
/// </summary>
internal static class StdoutForData
{
    public static void Reserve() => Console.SetOut(Console.Error);
}
