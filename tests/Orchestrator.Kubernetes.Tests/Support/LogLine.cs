using Microsoft.Extensions.Logging;

namespace Orchestrator.Kubernetes.Tests.Support;

internal sealed record LogLine(LogLevel Level, int EventId, string Message);
