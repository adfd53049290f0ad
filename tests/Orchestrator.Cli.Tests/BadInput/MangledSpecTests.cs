namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// Mangled specs through <c>start-rotation</c>: unknown keys, huge values, bytes that are not UTF-8 and YAML's own
/// features. Each is refused with exit 2 and one line naming the field (or the file and line), and changes nothing.
/// </summary>
public sealed class MangledSpecTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    public static TheoryData<string> UnknownKeys => SpecRefusals.Names(MangledSpecs.UnknownKeys());

    public static TheoryData<string> HugeValues => SpecRefusals.Names(MangledSpecs.HugeValues());

    public static TheoryData<string> NotUtf8 => SpecRefusals.Names(MangledSpecs.NotUtf8());

    public static TheoryData<string> YamlFeatures => SpecRefusals.Names(MangledSpecs.YamlFeatures());

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public Task StartRotation_UnknownKey_Exit2NamingItNothingChanged(string name) =>
        SpecRefusals.AssertRefusedAsync(fixture, "unknown-keys", MangledSpecs.UnknownKeys, name);

    [Theory]
    [MemberData(nameof(HugeValues))]
    public Task StartRotation_HugeValue_Exit2ShortLineNothingChanged(string name) =>
        SpecRefusals.AssertRefusedAsync(fixture, "huge-values", MangledSpecs.HugeValues, name);

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public Task StartRotation_NotUtf8_Exit2NothingChanged(string name) =>
        SpecRefusals.AssertRefusedAsync(fixture, "not-utf8", MangledSpecs.NotUtf8, name);

    [Theory]
    [MemberData(nameof(YamlFeatures))]
    public Task StartRotation_YamlFeatureAbused_Exit2PromptlyNothingChanged(string name) =>
        SpecRefusals.AssertRefusedAsync(fixture, "yaml-features", MangledSpecs.YamlFeatures, name);
}
