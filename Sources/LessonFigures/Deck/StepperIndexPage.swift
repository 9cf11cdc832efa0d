/// The page that links every HTML stepper `lesson figures --format html` wrote, by lesson.
public enum StepperIndexPage {
    /// One stepper page: its lesson and variant, its path relative to the index, its description.
    public struct Entry: Sendable, Equatable {
        public var lesson: String
        public var variant: String
        public var href: String
        public var description: String

        public init(lesson: String, variant: String, href: String, description: String) {
            self.lesson = lesson
            self.variant = variant
            self.href = href
            self.description = description
        }
    }

    /// A self-contained page listing `entries` (in their order, grouped by lesson).
    public static func html(_ entries: [Entry], theme: Theme) -> String {
        var page = StepperPage.head(title: "Lesson figures") + """
            <style>
            body { margin: 0 auto; max-width: 960px; padding: 16px; background: \(theme.background.hexString); color: \(theme.foreground.hexString); font-family: "DejaVu Sans", sans-serif; }
            a { color: \(theme.foreground.hexString); }
            li { margin: 0.3em 0; }
            </style>
            </head>
            <body>
            <h1>Lesson figures</h1>

            """
        var lesson: String?
        for entry in entries {
            if entry.lesson != lesson {
                if lesson != nil { page += "</ul>\n" }
                page += "<h2>\(StepperPage.escaped(entry.lesson))</h2>\n<ul>\n"
                lesson = entry.lesson
            }
            page += "<li><a href=\"\(StepperPage.escaped(entry.href))\">\(StepperPage.escaped(entry.variant))</a>: \(StepperPage.escaped(entry.description))</li>\n"
        }
        if lesson != nil { page += "</ul>\n" }
        if entries.isEmpty { page += "<p>No stepper page was written.</p>\n" }
        return page + "</body>\n</html>\n"
    }
}
