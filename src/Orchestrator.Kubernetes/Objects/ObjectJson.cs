using System.Text.Json;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// Reads a pod, a StatefulSet or a Status straight from its JSON into <see cref="ObjectFields"/>: one pass of a
/// <see cref="Utf8JsonReader"/>, the fields a rotation reads picked out, everything else skipped. A whole typed
/// model per watch event was most of the CPU time and memory of following a region of thousands of pods.
/// </summary>
internal static class ObjectJson
{
    /// <summary>Reads the object whose start the reader is on, leaving the reader on its end.</summary>
    /// <exception cref="JsonException">The JSON is not an object, or a field the rotation reads has the wrong type.</exception>
    public static ObjectFields Read(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "object");
        var fields = new ObjectFields();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                fields.Kind = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                if (EnterObject(ref reader))
                {
                    ReadMetadata(ref reader, fields);
                }
            }
            else if (reader.ValueTextEquals("spec"u8))
            {
                if (EnterObject(ref reader))
                {
                    ReadSpec(ref reader, fields);
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                // An object for pods and StatefulSets; a plain string ("Failure") in a Status.
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadStatus(ref reader, fields);
                }
                else
                {
                    SkipCurrent(ref reader);
                }
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                fields.Code = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                fields.Reason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                fields.Message = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return fields;
    }

    /// <summary>Reads just a metadata object (a list's), leaving the reader on its end.</summary>
    public static ObjectFields ReadMetadata(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "object");
        var fields = new ObjectFields();
        ReadMetadata(ref reader, fields);
        return fields;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                fields.Name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                fields.Uid = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resourceVersion"u8))
            {
                fields.ResourceVersion = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("generation"u8))
            {
                fields.Generation = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("deletionTimestamp"u8))
            {
                fields.Deleting = ReadString(ref reader) is not null;
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                if (EnterObject(ref reader))
                {
                    ReadLabels(ref reader, fields);
                }
            }
            else if (reader.ValueTextEquals("ownerReferences"u8))
            {
                if (EnterArray(ref reader))
                {
                    ReadOwners(ref reader, fields);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadLabels(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(ClusterObjects.RevisionLabelUtf8))
            {
                fields.RevisionLabel = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadOwners(ref Utf8JsonReader reader, ObjectFields fields)
    {
        var found = false;
        while (NextElement(ref reader))
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, "owner reference");
            var isStatefulSet = false;
            string? name = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    isStatefulSet = ReadString(ref reader) == "StatefulSet";
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            // The first StatefulSet among the owners, as the typed reading took it.
            if (isStatefulSet && !found)
            {
                fields.OwnerStatefulSet = name;
                found = true;
            }
        }
    }

    private static void ReadSpec(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("replicas"u8))
            {
                fields.Replicas = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("updateStrategy"u8))
            {
                if (EnterObject(ref reader))
                {
                    ReadUpdateStrategy(ref reader, fields);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadUpdateStrategy(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                fields.UpdateStrategy = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("rollingUpdate"u8))
            {
                if (EnterObject(ref reader))
                {
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("partition"u8))
                        {
                            fields.Partition = ReadInt(ref reader);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadStatus(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("phase"u8))
            {
                fields.Phase = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("conditions"u8))
            {
                if (EnterArray(ref reader))
                {
                    ReadConditions(ref reader, fields);
                }
            }
            else if (reader.ValueTextEquals("observedGeneration"u8))
            {
                fields.ObservedGeneration = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("readyReplicas"u8))
            {
                fields.ReadyReplicas = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("updatedReplicas"u8))
            {
                fields.UpdatedReplicas = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("currentRevision"u8))
            {
                fields.CurrentRevision = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("updateRevision"u8))
            {
                fields.UpdateRevision = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadConditions(ref Utf8JsonReader reader, ObjectFields fields)
    {
        while (NextElement(ref reader))
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, "condition");
            bool ready = false, isTrue = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    ready = NextString(ref reader) && reader.ValueTextEquals("Ready"u8);
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    isTrue = NextString(ref reader) && reader.ValueTextEquals("True"u8);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            fields.ReadyCondition |= ready && isTrue;
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    private static bool NextElement(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Moves onto a property's value: true on the start of an object, false for null.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.StartObject, "object");
        return true;
    }

    private static bool EnterArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.StartArray, "array");
        return true;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        SkipCurrent(ref reader);
    }

    /// <summary>
    /// Skips the value the reader is on. A list's reader is never on its final block, where only TrySkip is allowed;
    /// it hands over an item only once the whole item has arrived, so a skip that falls short means broken JSON.
    /// </summary>
    private static void SkipCurrent(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("an object that ends early");
        }
    }

    /// <summary>Moves onto a property's value: true on a string, false for null.</summary>
    private static bool NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.String, "string");
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => NextString(ref reader) ? reader.GetString() : null;

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.Number, "number");
        return reader.TryGetInt32(out var value) ? value : throw new JsonException("a number out of range for a 32-bit integer");
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.Number, "number");
        return reader.TryGetInt64(out var value) ? value : throw new JsonException("a number out of range for a 64-bit integer");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what}, found {reader.TokenType} at byte {reader.TokenStartIndex}");
        }
    }
}
