namespace VideoPipe.Media.Writing;

/// <summary>Where the encoded bytes end up: a file written under a temporary name and renamed on success, or a stream.</summary>
internal abstract class WriteTarget
{
    public abstract string DisplayName { get; }

    public abstract string FfmpegOutput { get; }

    public abstract bool Seekable { get; }

    /// <summary>Moves ffmpeg's stdout somewhere; runs until ffmpeg closes it.</summary>
    public abstract Task PumpAsync(Stream ffmpegStdout, CancellationToken cancellationToken);

    public abstract void Commit();

    public abstract void Discard();

    public sealed class File : WriteTarget
    {
        private readonly string finalPath;
        private readonly string temporaryPath;

        public File(string path)
        {
            finalPath = System.IO.Path.GetFullPath(path);
            var directory = System.IO.Path.GetDirectoryName(finalPath) ?? ".";
            Directory.CreateDirectory(directory);
            // Same directory, so the final rename is atomic; hidden, so nobody picks up a half-written file.
            temporaryPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.partial");
        }

        public override string DisplayName => finalPath;

        public override string FfmpegOutput => "file:" + temporaryPath;

        public override bool Seekable => true;

        public override Task PumpAsync(Stream ffmpegStdout, CancellationToken cancellationToken) => ffmpegStdout.CopyToAsync(Stream.Null, cancellationToken);

        public override void Commit() => System.IO.File.Move(temporaryPath, finalPath, overwrite: true);

        public override void Discard()
        {
            try
            {
                System.IO.File.Delete(temporaryPath);
            }
            catch (IOException)
            {
                // Already gone or never created.
            }
        }
    }

    public sealed class Piped(Stream destination, string displayName) : WriteTarget
    {
        public override string DisplayName => displayName;

        public override string FfmpegOutput => "pipe:1";

        public override bool Seekable => false;

        public override async Task PumpAsync(Stream ffmpegStdout, CancellationToken cancellationToken)
        {
            await ffmpegStdout.CopyToAsync(destination, 1 << 16, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Commit()
        {
        }

        public override void Discard()
        {
        }
    }
}
