using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Verification;

/// <summary>
/// CA certificates that expire soon: every certificate of every region's CA Secret (<c>ca.crt</c> and each trusted
/// <c>*.crt</c> entry) whose end of validity falls within a window from now, for teams that check from cron.
/// </summary>
public static partial class CaExpiry
{
    /// <summary>
    /// A window such as <c>30d</c>, <c>720h</c> or <c>1d12h</c>: days, then a duration as Kubernetes writes one; the
    /// Go duration syntax has no days, which is the unit certificate lifetimes are thought of in.
    /// </summary>
    public static bool TryParseWindow(string text, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        var match = Window().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var days = match.Groups["days"].Success ? double.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture) : 0;
        var rest = TimeSpan.Zero;
        if (match.Groups["rest"].Length > 0 && !GoDuration.TryParse(match.Groups["rest"].Value, out rest))
        {
            return false;
        }

        if (!match.Groups["days"].Success && match.Groups["rest"].Length == 0)
        {
            return false;
        }

        window = TimeSpan.FromDays(days) + rest;
        return window > TimeSpan.Zero;
    }

    /// <summary>What expires before <paramref name="now"/> + <paramref name="window"/>, one line per certificate, naming its region, entry and end.</summary>
    public static IReadOnlyList<string> Within(VerificationReport report, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(report);
        var deadline = now + window;
        var expiring = new List<string>();
        foreach (var region in report.Regions)
        {
            foreach (var entry in region.Entries.Where(entry => entry.IsTrusted))
            {
                foreach (var certificate in entry.Certificates.Where(certificate => certificate.NotAfter <= deadline))
                {
                    var end = certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
                    expiring.Add(certificate.NotAfter <= now
                        ? $"{region.Region}: {entry.Key} ({certificate.Subject}) expired at {end}: peers no longer accept it, so a rotation cannot keep trust; put a new CA in place and restart the nodes"
                        : $"{region.Region}: {entry.Key} ({certificate.Subject}) expires at {end}, within {Describe(window)} (in {Math.Floor((certificate.NotAfter - now).TotalDays).ToString(CultureInfo.InvariantCulture)} days); rotate it before then");
                }
            }
        }

        return expiring;
    }

    /// <summary>The window as it is usually written: whole days as <c>30d</c>, anything else as a Go duration.</summary>
    public static string Describe(TimeSpan window) => window.Ticks % TimeSpan.TicksPerDay == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)window.TotalDays}d")
        : GoDuration.Format(window);

    [GeneratedRegex(@"^(?:(?<days>\d+(?:\.\d+)?)d)?(?<rest>.*)$")]
    private static partial Regex Window();
}
