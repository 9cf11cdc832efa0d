import LessonCore
import LessonLibrary
import Testing

/// `YAMLValue`'s readers: the file is composed with Yams' basic resolver, so every scalar is
/// read by these readers and none by a tag Yams guessed.
@Suite struct YAMLValueTests {
    private func value(_ yaml: String) throws -> YAMLValue {
        try #require(try YAMLValue.parse(yaml, file: "lessons/demo.yaml")["key"])
    }

    /// As with Yams' default resolver (2872ade read them so): any case, and an explicit `!!bool` tag.
    @Test func unquotedYAMLBooleansAreReadInEverySpelling() throws {
        for (words, expected) in [(["true", "True", "TRUE", "tRUE", "yes", "Yes", "YES", "on", "On", "ON", "!!bool \"true\""], true),
                                  (["false", "False", "FALSE", "fAlse", "no", "No", "NO", "off", "Off", "OFF"], false)] {
            for word in words {
                #expect(try value("key: \(word)").bool() == expected, "\(word)")
            }
        }
    }

    @Test func quotedWordsAndOtherSpellingsAreNotBooleans() throws {
        for text in ["'true'", "\"no\"", "!!str yes", "1", "0", "y", "n", "null", "[true]"] {
            #expect {
                _ = try value("key: \(text)").bool()
            } throws: { error in
                "\(error)".hasPrefix("lessons/demo.yaml, line 1 (key): expected true or false, found ")
            }
        }
    }

    @Test func numbersAndTextAreReadAsWritten() throws {
        #expect(try value("key: 007").int() == 7)
        #expect(try value("key: −3").int() == -3)
        #expect(try value("key: 1e3").double() == 1000)
        #expect(try value("key: 13/9").double() == 13.0 / 9.0)
        #expect(try value("key: 0x10").string() == "0x10")
        #expect(try value("key: ~").string() == "~")
        #expect(try value("key: 2026-12-04").string() == "2026-12-04")
        #expect(try value("key: 'yes'").string() == "yes")
    }

    @Test func aKeyWrittenTwiceIsAnError() throws {
        #expect {
            _ = try YAMLValue.parse("a: 1\nb: 2\na: 3\n", file: "lessons/demo.yaml")
        } throws: { error in
            "\(error)".hasPrefix("lessons/demo.yaml: not valid YAML") && "\(error)".contains("a")
        }
    }
}
