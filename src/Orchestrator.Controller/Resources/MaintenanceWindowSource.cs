namespace Orchestrator.Controller.Resources;

/// <summary>A maintenance window as the CaRotation writes it: cron, a Go duration, and an IANA time zone (UTC when absent).</summary>
public sealed record MaintenanceWindowSource(string Cron, string Duration, string? TimeZone);
