using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sysgate.Cli.Commands;

/// <summary>
/// Parsing for string-array options and arguments that copies the tokens as they are.
/// </summary>
/// <remarks>Why not System.CommandLine's default: its converter builds the array (and an absent option's empty
/// default) through a type-generic path that costs tens of microseconds on first use in a NativeAOT binary,
/// on every run of <c>sysgate trace</c> and <c>exec</c>. The result is the same.</remarks>
internal static class StringList
{
    /// <summary>Sets the parser and an empty default on <paramref name="option"/>; returns it.</summary>
    public static Option<string[]> Plain(this Option<string[]> option)
    {
        option.CustomParser = Tokens;
        option.DefaultValueFactory = _ => [];
        return option;
    }

    /// <summary>Sets the parser and an empty default on <paramref name="argument"/>; returns it.</summary>
    public static Argument<string[]> Plain(this Argument<string[]> argument)
    {
        argument.CustomParser = Tokens;
        argument.DefaultValueFactory = _ => [];
        return argument;
    }

    private static string[] Tokens(ArgumentResult result)
    {
        var values = new string[result.Tokens.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = result.Tokens[i].Value;
        return values;
    }
}
