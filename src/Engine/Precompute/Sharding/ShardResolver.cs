using System.Globalization;

namespace VideoPipe.Precompute;

/// <summary>
/// Finds this process's shard: the --shard option first, then the scheduler's environment
/// (Slurm job arrays, Kubernetes Indexed Jobs, torchrun), else the single shard 0/1.
/// </summary>
public static class ShardResolver
{
    /// <summary>Count for JOB_COMPLETION_INDEX (Kubernetes does not export the completions count itself).</summary>
    public const string ShardCountVariable = "VIDEOPIPE_SHARD_COUNT";

    public static ShardSpec Resolve(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return ShardSpec.Parse(option.Trim());
        }

        return FromSlurm(environment) ?? FromIndexedJob(environment) ?? FromTorchRun(environment) ?? ShardSpec.Single;
    }

    public static ShardSpec Resolve(string? option) => Resolve(option, Environment.GetEnvironmentVariable);

    private static ShardSpec? FromSlurm(Func<string, string?> env)
    {
        var id = Read(env, "SLURM_ARRAY_TASK_ID");
        if (id is null)
        {
            return null;
        }

        var min = Read(env, "SLURM_ARRAY_TASK_MIN");
        var max = Read(env, "SLURM_ARRAY_TASK_MAX");
        var step = Read(env, "SLURM_ARRAY_TASK_STEP") ?? 1;
        if (min is not null && max is not null)
        {
            // --array=MIN-MAX[:STEP]; a list with holes (--array=1,4,9) cannot be mapped to 0..N-1 and is refused.
            if (step < 1 || (id.Value - min.Value) % step != 0 || (max.Value - min.Value) % step != 0)
            {
                throw new FormatException($"SLURM array task {id} does not sit on the range {min}-{max}:{step}; use --array=0-(N-1) or pass --shard i/N");
            }

            var count = (int)((max.Value - min.Value) / step + 1);
            var expected = Read(env, "SLURM_ARRAY_TASK_COUNT");
            if (expected is not null && expected.Value != count)
            {
                throw new FormatException($"SLURM_ARRAY_TASK_COUNT={expected} disagrees with the range {min}-{max}:{step} ({count} tasks); arrays with holes need --shard i/N");
            }

            return Checked((int)((id.Value - min.Value) / step), count, "SLURM_ARRAY_TASK_ID");
        }

        var total = Read(env, "SLURM_ARRAY_TASK_COUNT")
            ?? throw new FormatException("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MIN/MAX is");
        return Checked((int)id.Value, (int)total, "SLURM_ARRAY_TASK_ID");
    }

    private static ShardSpec? FromIndexedJob(Func<string, string?> env)
    {
        var index = Read(env, "JOB_COMPLETION_INDEX");
        if (index is null)
        {
            return null;
        }

        var count = Read(env, ShardCountVariable)
            ?? throw new FormatException($"JOB_COMPLETION_INDEX is set but {ShardCountVariable} is not (set it to the Job's spec.completions)");
        return Checked((int)index.Value, (int)count, "JOB_COMPLETION_INDEX");
    }

    private static ShardSpec? FromTorchRun(Func<string, string?> env)
    {
        var rank = Read(env, "RANK");
        var world = Read(env, "WORLD_SIZE");
        if (rank is null && world is null)
        {
            return null;
        }

        if (rank is null || world is null)
        {
            throw new FormatException("RANK and WORLD_SIZE must be set together");
        }

        return Checked((int)rank.Value, (int)world.Value, "RANK");
    }

    private static ShardSpec Checked(int index, int count, string source)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new FormatException($"{source} gives shard {index} of {count}, outside 0..{count - 1}");
        }

        return new ShardSpec(index, count);
    }

    private static long? Read(Func<string, string?> env, string name)
    {
        var text = env(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name}='{text}' is not an integer");
    }
}
