using System.Globalization;
using System.Security.Cryptography;

namespace Orchestrator.Cli.Running;

/// <summary>Rotation ids that sort by creation time and say when: <c>rot-20261130-014512-7f3a</c>.</summary>
internal static class RotationIds
{
    public static string New(TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture, $"rot-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}");
}
