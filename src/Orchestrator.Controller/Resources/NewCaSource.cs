namespace Orchestrator.Controller.Resources;

/// <summary>The new CA: generated under an alias, or brought in a Secret (tls.crt/tls.key or ca_crt.pem/ca_key.pem).</summary>
public sealed record NewCaSource(string? Alias, int? KeySize, int? ValidityDays, SecretNameReference? SecretRef);
