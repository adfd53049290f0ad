namespace Orchestrator.Controller.Serving;

/// <summary>The server ended a watch with an error event (410 Expired, say): nothing more from it can be used.</summary>
internal sealed class WatchExpiredException(string message) : Exception(message);
