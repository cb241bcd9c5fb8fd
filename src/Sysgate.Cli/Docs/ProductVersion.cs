using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Sysgate.Cli.Docs;

/// <summary>The version that <c>sysgate --version</c>, the man page and the packages show.</summary>
public static class ProductVersion
{
    /// <summary>
    /// The informational version without the "+commit" suffix the SDK appends: the man page embeds the
    /// version and is checked in, so it must not change with every commit.
    /// </summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        var info = typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        int plus = info.IndexOf('+');
        return plus < 0 ? info : info[..plus];
    }

    /// <summary>The action of <c>--version</c>: prints <c>sysgate VERSION</c>.</summary>
    public static CommandLineAction PrintAction() => new PrintVersion();

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"sysgate {Text}");
            return 0;
        }
    }
}
