using System.Text;
using System.Text.RegularExpressions;

namespace VideoPipe.Precompute;

/// <summary>
/// A shell-style path pattern: '*' and '?' stay inside one folder name, '**' spans folders, '[abc]' is a class.
/// The part before the first wildcard is the folder scanned; keys are paths relative to it.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex regex;

    private GlobPattern(string baseDirectory, string relativePattern)
    {
        BaseDirectory = baseDirectory;
        RelativePattern = relativePattern;
        regex = new Regex("^" + ToRegex(relativePattern) + "$", RegexOptions.CultureInvariant);
    }

    public string BaseDirectory { get; }

    public string RelativePattern { get; }

    public static bool IsGlob(string text) => text.IndexOfAny(['*', '?', '[']) >= 0;

    public static GlobPattern Parse(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(['*', '?', '[']);
        var lastSlash = firstWildcard < 0 ? normalized.LastIndexOf('/') : normalized.LastIndexOf('/', firstWildcard);
        var baseDirectory = lastSlash < 0 ? "." : lastSlash == 0 ? "/" : normalized[..lastSlash];
        return new GlobPattern(Path.GetFullPath(baseDirectory), normalized[(lastSlash + 1)..]);
    }

    /// <summary>True when <paramref name="relativePath"/> ('/'-separated) matches.</summary>
    public bool Matches(string relativePath) => regex.IsMatch(relativePath);

    private static string ToRegex(string pattern)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    builder.Append(slashFollows ? "(?:.*/)?" : ".*");
                    i += slashFollows ? 2 : 1;
                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var body = pattern[(i + 1)..close];
                    builder.Append('[').Append(body.StartsWith('!') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}
