/// Hand-written template forms for the view models on every page (the layout's chrome) and on
/// the most numerous pages (events): reflection costs more than the rest of building them.
/// Other view models are converted by reflection (`TemplateValue.convert`); the field names here
/// are the property names, so templates cannot tell the difference.
extension Dictionary where Key == String, Value == Any {
    /// Sets `value` only when present: templates treat a missing key as false.
    fileprivate mutating func set(_ key: String, _ value: Any?) {
        if let value { self[key] = value }
    }
}

extension PageView: TemplateConvertible {
    var templateFields: [String: Any] {
        ["chrome": chrome.templateFields, "content": TemplateValue.convert(content) ?? [:]]
    }
}

extension Chrome: TemplateConvertible {
    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "siteTitle": siteTitle, "siteDescription": siteDescription, "language": language, "documentTitle": documentTitle,
            "pageTitle": pageTitle, "description": description, "ogType": ogType, "root": root, "homeHref": homeHref,
            "stylesheet": stylesheet, "script": script, "feedHref": feedHref, "eventsJSONHref": eventsJSONHref,
            "eventsCSVHref": eventsCSVHref, "authors": authors, "header": header, "footer": footer,
            "nav": nav.map(\.templateFields), "breadcrumbs": breadcrumbs.map(\.templateFields), "footerPages": footerPages.map(\.templateFields),
        ]
        fields.set("canonical", canonical)
        fields.set("license", license)
        fields.set("baseHref", baseHref)
        return fields
    }
}

extension Chrome.Link: TemplateConvertible {
    var templateFields: [String: Any] { ["label": label, "href": href, "current": current] }
}

extension Chrome.Crumb: TemplateConvertible {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["label": label]
        fields.set("href", href)
        return fields
    }
}

extension DateView: TemplateConvertible {
    var templateFields: [String: Any] {
        ["text": text, "datetime": datetime, "iso": iso, "precision": precision, "isApproximate": isApproximate]
    }
}

extension EventCard.ActorLink: TemplateConvertible {
    var templateFields: [String: Any] { ["name": name, "href": href, "role": role] }
}

extension EventCard: TemplateConvertible {
    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "id": id, "title": title, "href": href, "date": date.templateFields, "typeLabel": typeLabel, "typeID": typeID,
            "typeColour": typeColour, "actors": actors.map(\.templateFields), "casualties": casualties,
            "confidenceLabel": confidenceLabel, "confidenceID": confidenceID, "headingLevel": headingLevel,
        ]
        fields.set("place", place)
        fields.set("summaryHTML", summaryHTML)
        fields.set("role", role)
        return fields
    }
}

extension EventPage.RoleGroup: TemplateConvertible {
    var templateFields: [String: Any] { ["role": role, "actors": actors.map(\.templateFields)] }
}

extension EventPage.SourceView: TemplateConvertible {
    var templateFields: [String: Any] {
        var fields: [String: Any] = ["publisher": publisher, "url": url, "linkText": linkText, "isTitle": isTitle]
        fields.set("author", author)
        fields.set("date", date)
        fields.set("quote", quote)
        fields.set("viaNote", viaNote)
        return fields
    }
}

extension EventPage.Neighbour: TemplateConvertible {
    var templateFields: [String: Any] { ["title": title, "href": href, "date": date, "typeLabel": typeLabel, "typeColour": typeColour] }
}

extension EventPage.TopicLink: TemplateConvertible {
    var templateFields: [String: Any] { ["title": title, "href": href] }
}

extension EventPage: TemplateConvertible {
    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "card": card.templateFields, "roles": roles.map(\.templateFields), "confidenceDescription": confidenceDescription,
            "sources": sources.map(\.templateFields), "topics": topics.map(\.templateFields), "related": related.map(\.templateFields),
            "tags": tags, "citation": citation,
        ]
        fields.set("bodyHTML", bodyHTML)
        fields.set("coordinates", coordinates)
        fields.set("mapHref", mapHref)
        fields.set("previous", previous?.templateFields)
        fields.set("next", next?.templateFields)
        return fields
    }
}
