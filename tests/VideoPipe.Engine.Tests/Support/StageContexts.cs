using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

internal static class StageContexts
{
    public static StageContext For(string optionsJson, ITokenizer? tokenizer = null) => new()
    {
        StageName = "test",
        Options = JsonDocument.Parse(optionsJson).RootElement.Clone(),
        BaseDirectory = Path.GetTempPath(),
        DeviceContext = CpuDeviceContext.Instance,
        DType = DType.Float32,
        Tokenizer = tokenizer,
        Logger = NullLogger.Instance,
    };
}
