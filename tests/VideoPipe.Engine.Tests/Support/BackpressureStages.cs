using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>A payload that counts how many of its kind are alive and how much memory they hold.</summary>
internal sealed class Ballast : IDisposable
{
    private readonly BallastCounter counter;
    private int disposed;

    public Ballast(BallastCounter counter, int bytes)
    {
        this.counter = counter;
        Data = new byte[bytes];
        Random.Shared.NextBytes(Data.AsSpan(0, 64));
        counter.Created();
    }

    public byte[] Data { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            counter.Released();
        }
    }
}

internal sealed class BallastCounter
{
    private int alive;
    private int peak;

    public int Alive => Volatile.Read(ref alive);

    public int Peak => Volatile.Read(ref peak);

    public void Created()
    {
        var now = Interlocked.Increment(ref alive);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }

    public void Released() => Interlocked.Decrement(ref alive);
}

/// <summary>Emits <c>count</c> items as fast as the pipeline takes them, each with a ballast payload.</summary>
internal sealed class BurstSourceType(BallastCounter counter, int count, int bytes) : IStageType
{
    public string Name => "burst";

    public string Description => "test source";

    public PortKind Input => PortKind.None;

    public PortKind Output => PortKind.Items;

    public IReadOnlyList<StageOption> Options => [];

    public IStage Create(StageContext context) => new Stage(counter, count, bytes);

    private sealed class Stage(BallastCounter counter, int count, int bytes) : IStage
    {
        public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                var item = new WorkItem { Id = $"item{i:D4}", SourcePath = "", Index = i };
                await output.EmitAsync(new StageMessage(item, new Ballast(counter, bytes), true), cancellationToken);
            }
        }
    }
}

/// <summary>Copies each payload into a new one (a transform stage).</summary>
internal sealed class RelayType(BallastCounter counter) : IStageType
{
    public string Name => "relay";

    public string Description => "test transform";

    public PortKind Input => PortKind.Items;

    public PortKind Output => PortKind.Items;

    public IReadOnlyList<StageOption> Options => [];

    public IStage Create(StageContext context) => new Stage(counter);

    private sealed class Stage(BallastCounter counter) : IStage
    {
        public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            var input = (Ballast)message.Payload;
            var copy = new Ballast(counter, input.Data.Length);
            input.Data.CopyTo(copy.Data, 0);
            await output.EmitAsync(message with { Payload = copy }, cancellationToken);
        }
    }
}

/// <summary>A deliberately slow sink that samples the managed heap as it goes.</summary>
internal sealed class SlowSinkType(TimeSpan delay) : IStageType
{
    public string Name => "slow-sink";

    public string Description => "test sink";

    public PortKind Input => PortKind.Items;

    public PortKind Output => PortKind.None;

    public IReadOnlyList<StageOption> Options => [];

    public List<long> HeapSamples { get; } = [];

    public IStage Create(StageContext context) => new Stage(this, delay);

    private sealed class Stage(SlowSinkType type, TimeSpan delay) : IStage
    {
        private int seen;

        public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            if (++seen % 25 == 0)
            {
                type.HeapSamples.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }
    }
}
