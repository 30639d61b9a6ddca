/// Hand-written template forms for the view models on every page (the layout's chrome) and on
/// the most numerous pages (events): reflection costs more than the rest of building them.
/// Other view models are converted by reflection (`TemplateValue.convert`); the field names here
/// are the property names, so templates cannot tell the difference. Strings and absent values
/// become `TemplateText` (see there why).
extension PageView: TemplateConvertible {
    var templateFields: [String: Any] {
        ["chrome": chrome.templateFields, "content": TemplateValue.convert(content) ?? TemplateText.missing]
    }
}

extension Chrome: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields([
            "siteTitle": siteTitle, "siteDescription": siteDescription, "language": language, "documentTitle": documentTitle,
            "pageTitle": pageTitle, "description": description, "ogType": ogType, "root": root, "homeHref": homeHref,
            "stylesheet": stylesheet, "script": script, "feedHref": feedHref, "eventsJSONHref": eventsJSONHref,
            "eventsCSVHref": eventsCSVHref, "authors": authors, "header": header, "footer": footer,
            "nav": nav.map(\.templateFields), "breadcrumbs": breadcrumbs.map(\.templateFields), "footerPages": footerPages.map(\.templateFields),
            "canonical": canonical, "license": license, "baseHref": baseHref,
        ])
    }
}

extension Chrome.Link: TemplateConvertible {
    var templateFields: [String: Any] { TemplateValue.fields(["label": label, "href": href, "current": current]) }
}

extension Chrome.Crumb: TemplateConvertible {
    var templateFields: [String: Any] { TemplateValue.fields(["label": label, "href": href]) }
}

extension DateView: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields(["text": text, "datetime": datetime, "iso": iso, "precision": precision, "isApproximate": isApproximate])
    }
}

extension EventCard.ActorLink: TemplateConvertible {
    var templateFields: [String: Any] { TemplateValue.fields(["name": name, "href": href, "role": role]) }
}

extension EventCard: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields([
            "id": id, "title": title, "href": href, "date": date.templateFields, "typeLabel": typeLabel, "typeID": typeID,
            "typeColour": typeColour, "actors": actors.map(\.templateFields), "casualties": casualties,
            "confidenceLabel": confidenceLabel, "confidenceID": confidenceID, "headingLevel": headingLevel,
            "place": place, "summaryHTML": summaryHTML, "role": role,
        ])
    }
}

extension EventPage.RoleGroup: TemplateConvertible {
    var templateFields: [String: Any] { TemplateValue.fields(["role": role, "actors": actors.map(\.templateFields)]) }
}

extension EventPage.SourceView: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields([
            "publisher": publisher, "url": url, "linkText": linkText, "isTitle": isTitle,
            "author": author, "date": date, "quote": quote, "viaNote": viaNote,
        ])
    }
}

extension EventPage.Neighbour: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields(["title": title, "href": href, "date": date, "typeLabel": typeLabel, "typeColour": typeColour])
    }
}

extension EventPage.TopicLink: TemplateConvertible {
    var templateFields: [String: Any] { TemplateValue.fields(["title": title, "href": href]) }
}

extension EventPage: TemplateConvertible {
    var templateFields: [String: Any] {
        TemplateValue.fields([
            "card": card.templateFields, "roles": roles.map(\.templateFields), "confidenceDescription": confidenceDescription,
            "sources": sources.map(\.templateFields), "topics": topics.map(\.templateFields), "related": related.map(\.templateFields),
            "tags": tags, "citation": citation,
            "bodyHTML": bodyHTML, "coordinates": coordinates, "mapHref": mapHref,
            "previous": previous?.templateFields, "next": next?.templateFields,
        ])
    }
}
