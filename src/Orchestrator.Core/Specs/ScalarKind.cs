namespace Orchestrator.Core.Specs;

/// <summary>What a YAML scalar is, as YAML's core schema reads it.</summary>
internal enum ScalarKind
{
    /// <summary>Empty, <c>~</c> or <c>null</c>: no value.</summary>
    Null,

    /// <summary>Quoted, tagged <c>!!str</c>, or plain and not one of the kinds below.</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A plain whole number (<c>2048</c>, <c>0x800</c>), or tagged <c>!!int</c>.</summary>
    Integer,

    /// <summary>A plain decimal number (<c>1.5</c>, <c>1e3</c>, <c>.inf</c>), or tagged <c>!!float</c>.</summary>
    Float,

    /// <summary>Tagged with a tag this program does not know (<c>!!binary</c>, <c>!custom</c>).</summary>
    Unknown,
}
