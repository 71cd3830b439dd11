using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Abstractions;

/// <summary>What families with 3-D convolutions share in Create: the dtype rules and strict weight loading.</summary>
public static class RequestedWeights
{
    /// <summary>Refuses non-float dtypes, and float16 on CPU (libtorch has no float16 3-D convolution there).</summary>
    public static void CheckDType(TokenizerRequest request, string family)
    {
        if (!request.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{family} runs in a floating-point dtype, not {request.DType.TorchName()}");
        }

        if (request.DType == DType.Float16 && request.DeviceContext.Device.Type == DeviceType.Cpu)
        {
            throw new ArgumentException($"libtorch has no float16 3-D convolution on CPU: run {family} in float32 or bfloat16 (weights are converted on load)");
        }
    }

    /// <summary>
    /// Loads weights strictly: an in-memory state dict, a checkpoint file (safetensors or a PyTorch pickle), or
    /// <paramref name="randomize"/> with the request's seed. <paramref name="load"/> loads a state dict (default: the
    /// model's strict load).
    /// </summary>
    public static void Load(Module model, TokenizerRequest request, string family, Action<ulong> randomize, Action<IReadOnlyDictionary<string, Tensor>>? load = null)
    {
        load ??= weights => model.LoadStateDict(weights);
        if (request.Weights is { } weights)
        {
            load(weights);
        }
        else if (request.WeightsPath is { } path)
        {
            using var loaded = Checkpoint.LoadStateDict(path);
            load(loaded);
        }
        else if (request.RandomWeightsSeed is { } seed)
        {
            randomize(seed);
        }
        else
        {
            throw new ArgumentException($"a {family} request needs Weights, WeightsPath or RandomWeightsSeed");
        }
    }
}
