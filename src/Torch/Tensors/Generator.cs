using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>A seeded random generator. Every random draw in VideoPipe takes one explicitly; the seed is recorded.</summary>
public sealed class Generator : IDisposable
{
    private nint handle;

    public Generator(ulong seed, Device? device = null)
    {
        Seed = seed;
        Device = device ?? Device.Cpu;
        NativeMethods.Check(NativeMethods.vp_generator_new(seed, (int)Device.Type, Device.Index, out handle));
    }

    public ulong Seed { get; }

    public Device Device { get; }

    internal nint Handle => handle != nint.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    public void Dispose()
    {
        if (handle != nint.Zero)
        {
            NativeMethods.vp_generator_free(handle);
            handle = nint.Zero;
        }

        GC.SuppressFinalize(this);
    }

    ~Generator()
    {
        if (handle != nint.Zero)
        {
            NativeMethods.vp_generator_free(handle);
        }
    }
}
