using VideoPipe.Media.Processes;

namespace VideoPipe.Media.Reading;

/// <summary>Where ffmpeg reads from: a file path it opens itself, or bytes we pump into its stdin.</summary>
internal abstract class ReadSource
{
    public abstract string DisplayName { get; }

    public abstract string InputArgument { get; }

    /// <summary>True when the probe saw the whole input (duration and frame count are trustworthy).</summary>
    public abstract bool FullyProbed { get; }

    public abstract Task FeedAsync(ToolProcess process, CancellationToken cancellationToken);

    public sealed class File(string path) : ReadSource
    {
        public override string DisplayName => path;

        // A leading "-" or a "protocol:" prefix would be taken as an option or a protocol by ffmpeg.
        public override string InputArgument => "file:" + System.IO.Path.GetFullPath(path);

        public override bool FullyProbed => true;

        public override Task FeedAsync(ToolProcess process, CancellationToken cancellationToken)
        {
            process.StandardInput.Close();
            return Task.CompletedTask;
        }
    }

    /// <summary>A stream whose first bytes were already read for probing; they are replayed before the rest.</summary>
    public sealed class Piped(Stream input, ReadOnlyMemory<byte> head, string displayName) : ReadSource
    {
        public override string DisplayName => displayName;

        public override string InputArgument => "pipe:0";

        public override bool FullyProbed => false;

        public override async Task FeedAsync(ToolProcess process, CancellationToken cancellationToken)
        {
            var stdin = process.StandardInput;
            try
            {
                await stdin.WriteAsync(head, cancellationToken).ConfigureAwait(false);
                await input.CopyToAsync(stdin, 1 << 16, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // ffmpeg stopped reading (frame limit, early break, kill): nothing more to deliver.
            }
            finally
            {
                try
                {
                    stdin.Close();
                }
                catch (IOException)
                {
                    // Broken pipe on the final flush; same as above.
                }
            }
        }
    }
}
