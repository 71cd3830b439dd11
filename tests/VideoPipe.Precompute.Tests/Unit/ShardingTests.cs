namespace VideoPipe.Precompute.Tests;

public sealed class ShardingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void EveryPositionBelongsToExactlyOneShard(int count)
    {
        for (long position = 0; position < 200; position++)
        {
            var owners = Enumerable.Range(0, count).Count(i => new ShardSpec(i, count).Owns(position));
            Assert.Equal(1, owners);
        }
    }

    [Fact]
    public void ShardsAreBalancedWithoutPadding()
    {
        var sizes = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 10).Count(p => new ShardSpec(i, 4).Owns(p))).ToList();
        Assert.Equal([3, 3, 2, 2], sizes);
        Assert.Equal(10, sizes.Sum());
    }

    [Theory]
    [InlineData("3/8", 3, 8)]
    [InlineData("0/1", 0, 1)]
    public void ParsesIndexOverCount(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text);
        Assert.Equal((index, count), (shard.Index, shard.Count));
    }

    [Theory]
    [InlineData("8/8")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("3")]
    [InlineData("a/b")]
    public void RejectsMalformedShards(string text) => Assert.Throws<FormatException>(() => ShardSpec.Parse(text));

    [Fact]
    public void OptionWinsOverEnvironment()
    {
        var shard = ShardResolver.Resolve("1/3", Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "5")));
        Assert.Equal(new ShardSpec(1, 3), shard);
    }

    [Fact]
    public void SlurmArrayWithCount() =>
        Assert.Equal(new ShardSpec(4, 10), ShardResolver.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "10"))));

    [Fact]
    public void SlurmArrayFromMinMaxAndStep()
    {
        Assert.Equal(new ShardSpec(2, 5), ShardResolver.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "12"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_MAX", "14"))));
        Assert.Equal(new ShardSpec(1, 3), ShardResolver.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "5"), ("SLURM_ARRAY_TASK_STEP", "2"))));
    }

    [Fact]
    public void SlurmArrayWithHolesIsRefused() =>
        Assert.Throws<FormatException>(() => ShardResolver.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "9"), ("SLURM_ARRAY_TASK_COUNT", "3"))));

    [Fact]
    public void KubernetesIndexedJobNeedsACount()
    {
        Assert.Equal(new ShardSpec(3, 4), ShardResolver.Resolve(null, Env(("JOB_COMPLETION_INDEX", "3"), ("VIDEOPIPE_SHARD_COUNT", "4"))));
        Assert.Throws<FormatException>(() => ShardResolver.Resolve(null, Env(("JOB_COMPLETION_INDEX", "3"))));
    }

    [Fact]
    public void TorchRunRankAndWorldSize()
    {
        Assert.Equal(new ShardSpec(5, 8), ShardResolver.Resolve(null, Env(("RANK", "5"), ("WORLD_SIZE", "8"))));
        Assert.Throws<FormatException>(() => ShardResolver.Resolve(null, Env(("RANK", "8"), ("WORLD_SIZE", "8"))));
    }

    [Fact]
    public void NothingSetMeansOneShard() => Assert.Equal(ShardSpec.Single, ShardResolver.Resolve(null, Env()));

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
