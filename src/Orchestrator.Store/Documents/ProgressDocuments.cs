using LiteDB;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>
/// A running wait's progress as stored apart from its rotation: <c>_id</c> (the rotation's id), <c>step</c> (the
/// step's number) and <c>progress</c>. It is newer than the progress in the rotation's document, since any save of
/// the rotation deletes it.
/// </summary>
internal sealed class ProgressDocuments(DocumentSerializer serializer)
{
    public const string Step = "step";
    public const string Body = "progress";

    public BsonDocument ToDocument(RotationId rotationId, int stepNumber, WaitProgress progress) => new()
    {
        ["_id"] = rotationId.ToString(),
        [Step] = stepNumber,
        [Body] = serializer.ToDocument(progress),
    };

    /// <summary>
    /// Shows the saved progress on its step while that step is still running; a step that has ended since keeps what
    /// the rotation's own document says of it.
    /// </summary>
    public Rotation Apply(Rotation rotation, BsonDocument? document)
    {
        if (document is not null
            && rotation.Steps.FirstOrDefault(step => step.Number == document[Step].AsInt32) is { Status: StepStatus.Running } running)
        {
            running.Progress = serializer.FromDocument<WaitProgress>(document[Body].AsDocument);
        }

        return rotation;
    }
}
