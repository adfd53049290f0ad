namespace Orchestrator.Controller.Resources;

/// <summary>The names under which the API server serves CaRotations (samples/deploy/crd-carotation.yaml).</summary>
public static class CaRotationDefinition
{
    public const string Group = "cassandra.orchestrator.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "CaRotation";
    public const string Plural = "carotations";
    public const string ShortName = "carot";
}
