namespace VideoPipe.Media.Processes;

/// <summary>
/// Runs blocking pipe work on its own background thread, so it neither holds a thread-pool thread nor pays an
/// async wake-up per pipe chunk. The task ends with the work's result or its exception.
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return completion.Task;
    }
}
