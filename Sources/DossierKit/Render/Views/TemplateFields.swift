/// Hand-written template forms for the view models on every page (the layout's chrome), on
/// the most numerous pages (events) and on the longest (timeline, sources): reflection costs
/// more than the rest of building them.
/// Other view models are converted by reflection (`TemplateValue.convert`); the field names here
/// are the property names, so templates cannot tell the difference. Strings and absent values
/// become `TemplateText` (see there why).
extension PageView: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateObject(["chrome": chrome.templateFields, "content": TemplateValue.convert(content) ?? TemplateText.missing])
    }
}

extension Chrome: TemplateConvertible {
    var templateFields: TemplateObject {
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
    var templateFields: TemplateObject { TemplateValue.fields(["label": label, "href": href, "current": current]) }
}

extension Chrome.Crumb: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["label": label, "href": href]) }
}

extension DateView: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields(["text": text, "datetime": datetime, "iso": iso, "precision": precision, "isApproximate": isApproximate])
    }
}

extension EventCard.ActorLink: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["name": name, "href": href, "role": role]) }
}

extension EventCard: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields([
            "id": id, "title": title, "href": href, "date": date.templateFields, "typeLabel": typeLabel, "typeID": typeID,
            "typeColour": typeColour, "actors": actors.map(\.templateFields), "casualties": casualties,
            "confidenceLabel": confidenceLabel, "confidenceID": confidenceID, "headingLevel": headingLevel,
            "place": place, "summaryHTML": summaryHTML, "role": role,
        ])
    }
}

extension EventPage.RoleGroup: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["role": role, "actors": actors.map(\.templateFields)]) }
}

extension EventPage.SourceView: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields([
            "publisher": publisher, "url": url, "linkText": linkText, "isTitle": isTitle,
            "author": author, "date": date, "quote": quote, "viaNote": viaNote,
        ])
    }
}

extension EventPage.Neighbour: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields(["title": title, "href": href, "date": date, "typeLabel": typeLabel, "typeColour": typeColour])
    }
}

extension EventPage.TopicLink: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["title": title, "href": href]) }
}

extension EventPage: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields([
            "card": card.templateFields, "roles": roles.map(\.templateFields), "confidenceDescription": confidenceDescription,
            "sources": sources.map(\.templateFields), "topics": topics.map(\.templateFields), "related": related.map(\.templateFields),
            "tags": tags, "citation": citation,
            "bodyHTML": bodyHTML, "coordinates": coordinates, "mapHref": mapHref,
            "previous": previous?.templateFields, "next": next?.templateFields,
        ])
    }
}

// The pages that list every event or source: at 10,000 events reflection on their rows costs
// more than a preview rebuild should take.

extension TimelinePage: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields(["years": years.map(\.templateFields), "eventCount": eventCount, "types": types.map(\.templateFields)])
    }
}

extension TimelinePage.Year: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields(["year": year, "anchor": anchor, "count": count, "countText": countText, "months": months.map(\.templateFields)])
    }
}

extension TimelinePage.Month: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["label": label, "anchor": anchor, "key": key, "events": events]) }
}

extension TimelinePage.TypeKey: TemplateConvertible {
    var templateFields: TemplateObject { TemplateValue.fields(["label": label, "colour": colour, "count": count]) }
}

extension SourcesPage: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields([
            "sources": sources.map(\.templateFields), "count": count, "eventsJSONHref": eventsJSONHref, "eventsCSVHref": eventsCSVHref,
        ])
    }
}

extension SourcesPage.Row: TemplateConvertible {
    var templateFields: TemplateObject {
        TemplateValue.fields(["source": source.templateFields, "events": events, "count": count, "citedByText": citedByText])
    }
}
