using System.Text;

namespace Sysgate.Cli;

/// <summary>
/// Stands for <see cref="Console.Out"/> or <see cref="Console.Error"/> and creates it on first use.
/// </summary>
/// <remarks>
/// Creating a console writer costs ~30 µs at start-up (encoding from the locale, terminal set-up, the
/// synchronized wrapper), and System.CommandLine asks for both writers on every invocation, while a trace to a
/// file or a successful exec never writes a character to either. Flush does nothing until something was
/// written.
/// </remarks>
internal sealed class LazyConsoleWriter(Func<TextWriter> open) : TextWriter
{
    private TextWriter? _inner;

    private TextWriter Inner => LazyInitializer.EnsureInitialized(ref _inner, open);

    /// <inheritdoc/>
    public override Encoding Encoding => Inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => Inner.Write(value);

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer) => Inner.Write(buffer);

    /// <inheritdoc/>
    public override void Write(string? value) => Inner.Write(value);

    /// <inheritdoc/>
    public override void WriteLine() => Inner.WriteLine();

    /// <inheritdoc/>
    public override void WriteLine(ReadOnlySpan<char> buffer) => Inner.WriteLine(buffer);

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Inner.WriteLine(value);

    /// <inheritdoc/>
    public override void Flush() => Volatile.Read(ref _inner)?.Flush();
}
