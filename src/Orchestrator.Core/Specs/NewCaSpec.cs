namespace Orchestrator.Core.Specs;

/// <summary>The new CA: generated (<see cref="Alias"/>) or brought by the user (<see cref="CertFile"/> and <see cref="KeyFile"/>).</summary>
public sealed record NewCaSpec(string? Alias, int KeySize, int ValidityDays, string? CertFile, string? KeyFile)
{
    public const int DefaultKeySize = 4096;
    public const int MinimumKeySize = 2048;
    public const int DefaultValidityDays = 3650;

    public bool Generated => Alias is not null;
}
