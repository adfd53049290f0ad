namespace Orchestrator.Simulator.Storage;

/// <summary>One of a custom resource's <c>additionalPrinterColumns</c>: a Table column filled from a JSONPath.</summary>
internal sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, string JsonPath);
