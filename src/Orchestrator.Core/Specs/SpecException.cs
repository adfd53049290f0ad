using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Specs;

/// <summary>A spec file that cannot be used: every problem found, each naming the field and what to do.</summary>
public sealed class SpecException : OrchestratorException
{
    public SpecException()
        : this([])
    {
    }

    public SpecException(string message)
        : this([message])
    {
    }

    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public SpecException(IReadOnlyList<string> problems)
        : base(Summarize(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Summarize(IReadOnlyList<string> problems) => problems.Count switch
    {
        0 => "the spec is invalid",
        1 => problems[0],
        _ => $"{problems[0]} (and {problems.Count - 1} more problem{(problems.Count == 2 ? string.Empty : "s")})",
    };

    public override FailureKind Kind => FailureKind.BadInput;
}
