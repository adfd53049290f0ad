using k8s;
using k8s.Models;

namespace Orchestrator.Controller.Serving;

/// <summary>A region's CA Secret as Events name it, and the client of the region's cluster to write them with.</summary>
internal sealed record SecretEventTarget(IKubernetes Api, V1ObjectReference Secret);
