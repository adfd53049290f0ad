namespace Orchestrator.Cli.Output;

/// <summary>Words of a command line that a person pastes into a POSIX shell as printed.</summary>
internal static class ShellWords
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '@' or '%' or '+' or '=' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
