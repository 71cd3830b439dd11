using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary><c>videopipe checkpoint inspect|convert</c>: look into safetensors/PyTorch checkpoints and convert them to safetensors.</summary>
internal static class CheckpointCommand
{
    public static Command Create()
    {
        var command = new Command("checkpoint", "Inspect checkpoints (safetensors, PyTorch .pth/.pt/.ckpt) and convert them to safetensors.");
        command.Subcommands.Add(CreateInspect());
        command.Subcommands.Add(CreateConvert());
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<string>("file") { Description = "A safetensors file or a PyTorch zip checkpoint (format told by content)." };
        var key = new Option<string?>("--key") { Description = "Key path of the state dict inside a PyTorch checkpoint (e.g. ema_state_dict or a.b)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "List the tensors (name, dtype, shape) and metadata of a checkpoint without loading its data.");
        command.Arguments.Add(file);
        command.Options.Add(key);
        command.Options.Add(json);
        command.SetAction(parse => Guarded(() =>
        {
            var description = CheckpointInspector.Describe(parse.GetValue(file)!, parse.GetValue(key));
            if (parse.GetValue(json))
            {
                WriteJson(description);
            }
            else
            {
                WriteText(description);
            }
        }));
        return command;
    }

    private static Command CreateConvert()
    {
        var input = new Argument<string>("in") { Description = "A PyTorch checkpoint or safetensors file." };
        var output = new Argument<string>("out") { Description = "The safetensors file to write (replaced atomically)." };
        var key = new Option<string?>("--key") { Description = "Key path of the state dict inside the checkpoint (default: state_dict, ema_state_dict, model, module or the root)." };
        var stripPrefix = new Option<string?>("--strip-prefix") { Description = "Remove this prefix (e.g. module.) from every tensor name that starts with it." };
        var command = new Command("convert", "Write a checkpoint's state dict as a safetensors file.");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(key);
        command.Options.Add(stripPrefix);
        command.SetAction(parse => Guarded(() =>
        {
            TorchRuntime.EnsureInitialized();
            var source = parse.GetValue(input)!;
            var destination = parse.GetValue(output)!;
            using var stateDict = Checkpoint.LoadStateDict(source, parse.GetValue(key), parse.GetValue(stripPrefix));
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["converted_from"] = Path.GetFileName(source) };
            Safetensors.Save(destination, stateDict, metadata);
            var bytes = stateDict.Values.Sum(t => t.ByteCount);
            Console.WriteLine($"wrote {stateDict.Count} tensors ({FormatBytes(bytes)}) from {source}{(stateDict.SelectedKey is { } k ? $" [{k}]" : string.Empty)} to {destination}");
            if (stateDict.SkippedKeys.Count > 0)
            {
                Console.WriteLine($"skipped {stateDict.SkippedKeys.Count} non-tensor entries: {string.Join(", ", stateDict.SkippedKeys)}");
            }
        }));
        return command;
    }

    private static int Guarded(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception ex) when (ex is CheckpointFormatException or CheckpointSecurityException or KeyNotFoundException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return (int)PipelineOutcome.Invalid;
        }
    }

    private static void WriteText(CheckpointDescription description)
    {
        Console.WriteLine($"{description.FilePath}: {description.Format}, {description.Tensors.Count} tensors, {description.ElementCount:N0} elements, {FormatBytes(description.ByteCount)}");
        if (description.SelectedKey is { } key)
        {
            Console.WriteLine($"state dict: {key}");
        }

        foreach (var (name, summary) in description.TopLevelEntries)
        {
            Console.WriteLine($"  [{name}] {summary}");
        }

        foreach (var (name, value) in description.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  metadata {name} = {value}");
        }

        var width = description.Tensors.Count == 0 ? 0 : description.Tensors.Max(t => t.Name.Length);
        foreach (var tensor in description.Tensors)
        {
            Console.WriteLine($"  {tensor.Name.PadRight(width)}  {tensor.DType.TorchName(),-8}  [{string.Join(", ", tensor.Shape)}]");
        }

        if (description.SkippedKeys.Count > 0)
        {
            Console.WriteLine($"  not tensors: {string.Join(", ", description.SkippedKeys)}");
        }
    }

    private static void WriteJson(CheckpointDescription description)
    {
        using var stream = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", description.FilePath);
            json.WriteString("format", description.Format == CheckpointFormat.Safetensors ? "safetensors" : "torch-zip");
            json.WriteString("state_dict_key", description.SelectedKey);
            json.WriteNumber("tensor_count", description.Tensors.Count);
            json.WriteNumber("element_count", description.ElementCount);
            json.WriteNumber("byte_count", description.ByteCount);
            json.WriteStartObject("metadata");
            foreach (var (name, value) in description.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("top_level");
            foreach (var (name, summary) in description.TopLevelEntries)
            {
                json.WriteString(name, summary);
            }

            json.WriteEndObject();
            json.WriteStartArray("tensors");
            foreach (var tensor in description.Tensors)
            {
                json.WriteStartObject();
                json.WriteString("name", tensor.Name);
                json.WriteString("dtype", tensor.DType.TorchName());
                json.WriteStartArray("shape");
                foreach (var size in tensor.Shape)
                {
                    json.WriteNumberValue(size);
                }

                json.WriteEndArray();
                json.WriteNumber("bytes", tensor.ByteCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var skipped in description.SkippedKeys)
            {
                json.WriteStringValue(skipped);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes + " B",
    };
}
