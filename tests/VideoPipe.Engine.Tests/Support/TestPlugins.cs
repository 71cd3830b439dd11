namespace VideoPipe.Engine.Tests;

/// <summary>Writes plugin folders (compiled assembly + plugin.json) for the loader tests.</summary>
internal static class TestPlugins
{
    public static void WritePlugin(string folder, string version, string constructorBody = "", string? dependencyFolder = null)
    {
        Directory.CreateDirectory(folder);
        var references = new List<string>();
        var useDependency = "";
        if (dependencyFolder is not null)
        {
            var dependency = Path.Combine(dependencyFolder, "Helper.dll");
            if (!File.Exists(dependency))
            {
                PluginCompiler.Compile("namespace Helper; public static class Greeting { public static string Text => \"from helper\"; }", dependency);
            }

            references.Add(dependency);
            useDependency = "Note = Helper.Greeting.Text;";
            File.Copy(dependency, Path.Combine(folder, "Helper.dll"), overwrite: true);
        }

        PluginCompiler.Compile(Source(version, constructorBody + useDependency), Path.Combine(folder, "TestPlugin.dll"), references.ToArray());
        File.WriteAllText(Path.Combine(folder, "plugin.json"), """
            { "id": "test-plugin", "version": "VERSION", "families": ["testfam"], "entryType": "TestPlugin.Entry", "assembly": "TestPlugin.dll" }
            """.Replace("VERSION", version));
    }

    private static string Source(string version, string constructorBody) => """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using VideoPipe.Abstractions;
        using VideoPipe.Torch;

        namespace TestPlugin;

        public sealed class Entry : IVideoPipePlugin, IStageProvider
        {
            public static string Note = "";

            public Entry()
            {
                CTOR
            }

            public IReadOnlyList<ITokenizerFamily> Families { get; } = new ITokenizerFamily[] { new TestFamily() };

            public IReadOnlyList<IStageType> StageTypes { get; } = new IStageType[] { new MarkerStageType() };
        }

        public sealed class TestFamily : ITokenizerFamily
        {
            public string Family => "testfam";

            public IReadOnlyList<string> Presets => new[] { "tiny" };

            public TokenizerCard DescribePreset(string preset) => new TokenizerCard
            {
                Family = "testfam", Variant = preset, Version = "VERSION", TemporalCompression = 4, SpatialCompression = 8,
                FrameRule = FrameRule.OnePlusFourK, SpatialAlignment = 8, LatentChannels = 4, Scaling = LatentScaling.None,
                ExactCausalStreaming = false, GenerativeDecode = false,
                Notes = new Dictionary<string, string> { ["note"] = Entry.Note },
            };

            public ITokenizer Create(TokenizerRequest request) => throw new NotSupportedException();
        }

        public sealed class MarkerStageType : IStageType
        {
            public string Name => "marker";

            public string Description => "marker stage VERSION";

            public PortKind Input => PortKind.Items;

            public PortKind Output => PortKind.None;

            public IReadOnlyList<StageOption> Options => new[] { new StageOption("directory", OptionKind.String, "where to leave a mark per item") { Required = true } };

            public IStage Create(StageContext context) => new MarkerStage(context.ResolvePath(context.Options.GetProperty("directory").GetString()!));
        }

        internal sealed class MarkerStage(string directory) : IStage
        {
            public ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
            {
                System.IO.Directory.CreateDirectory(directory);
                System.IO.File.WriteAllText(System.IO.Path.Combine(directory, message.Item.Id + ".VERSION"), "");
                return ValueTask.CompletedTask;
            }
        }
        """.Replace("VERSION", version).Replace("CTOR", constructorBody);
}
