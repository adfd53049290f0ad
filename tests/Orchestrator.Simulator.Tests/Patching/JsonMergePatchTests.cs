using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;

namespace Orchestrator.Simulator.Tests.Patching;

public sealed class JsonMergePatchTests
{
    // RFC 7386 appendix A, every row.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7386AppendixA_GivesListedResult(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        JsonAssert.Equivalent(expected, result);
    }

    [Fact]
    public void Apply_NullTarget_StartsFromEmptyObject()
    {
        var result = JsonMergePatch.Apply(null, JsonNode.Parse("""{"a":{"b":1,"c":null}}"""));

        JsonAssert.Equal("""{"a":{"b":1}}""", result);
    }

    [Fact]
    public void Apply_SecretDataKey_KeepsOtherKeysAndTheirOrder()
    {
        var secret = JsonNode.Parse("""{"data":{"ca.crt":"YQ==","ca.key":"Yg=="},"metadata":{"name":"ca"}}""");

        var result = JsonMergePatch.Apply(secret, JsonNode.Parse("""{"data":{"ca2.crt":"eA==","ca.key":null}}"""));

        JsonAssert.Equal("""{"data":{"ca.crt":"YQ==","ca2.crt":"eA=="},"metadata":{"name":"ca"}}""", result);
    }

    [Fact]
    public void Apply_Always_LeavesInputsUnchanged()
    {
        var target = JsonNode.Parse("""{"a":{"b":"c"},"d":[1]}""");
        var patch = JsonNode.Parse("""{"a":{"b":null,"x":{"y":1}},"d":[2]}""");
        var targetBefore = target!.ToJsonString();
        var patchBefore = patch!.ToJsonString();

        var result = JsonMergePatch.Apply(target, patch);
        result!["a"]!["x"]!["y"] = 5;

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }
}
