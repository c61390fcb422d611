"""Chapter text of the Integrationskonzept Beispielstadt 2023 (fictional).

Each chapter is a list of layout blocks as understood by ``_pdf_layout.flowables``.
"""

VORWORT = [
    ("h1", "Vorwort"),
    ("p", "Beispielstadt ist eine Stadt der Zuwanderung. Seit 2015 sind Menschen aus über 90 "
          "Ländern zu uns gekommen, darunter viele Kinder und Jugendliche. Mit der Fortschreibung "
          "des Integrationskonzepts legen Verwaltung, freie Träger, Schulen und "
          "Migrantenselbstorganisationen gemeinsam dar, was in den vergangenen Jahren erreicht "
          "wurde, wo wir heute stehen und welche Aufgaben vor uns liegen."),
    ("p", "Der Schwerpunkt dieser Fortschreibung liegt auf der Bildung und Teilhabe neu "
          "zugewanderter Kinder und Jugendlicher. Ob das Ankommen gelingt, entscheidet sich "
          "früh – in der Kita, in der Schule und beim Übergang in Ausbildung und Beruf. Dafür "
          "brauchen wir verlässliche Abläufe von der Anmeldung bis zum ersten Schultag, starke "
          "Netzwerke und Angebote dort, wo die Familien leben. Die Integration der "
          "neu Zugewanderten ist eine Gemeinschaftsaufgabe der ganzen Stadtgesellschaft."),
    ("p", "Mein Dank gilt allen, die sich in den Fachkräfteworkshops, im Netzwerk Ankommen "
          "Beispielstadt, im Arbeitskreis Seiteneinstieg und im Integrationsrat eingebracht "
          "haben."),
    ("p", "Dr. Sabine Krüger, Oberbürgermeisterin der Stadt Beispielstadt"),
]

KAPITEL_1 = [
    ("h1", "1. Anlass und Auftrag"),
    ("h2", "1.1 Vom Integrationskonzept 2016 zum Handlungskonzept Seiteneinstieg 2019"),
    ("p", "Der Rat der Stadt Beispielstadt hat am 23. Juni 2016 das erste gesamtstädtische "
          "Integrationskonzept „Vielfalt leben in Beispielstadt“ beschlossen (Vorlage Nr. "
          "0412/2016). Es entstand unter dem Eindruck der stark gestiegenen Zuwanderung der Jahre "
          "2015 und 2016 und benannte sieben Handlungsfelder – von Sprache und Bildung über Arbeit "
          "und Wohnen bis zu Gesundheit und interkultureller Öffnung der Verwaltung. Die "
          "Integrationsarbeit wurde damit erstmals auf eine gemeinsame Grundlage gestellt."),
    ("p", "Weil die Aufnahme neu zugewanderter Schülerinnen und Schüler (sog. Seiteneinsteigerinnen "
          "und Seiteneinsteiger) in den Folgejahren zur zentralen Herausforderung wurde, beauftragte "
          "der Schulausschuss die Verwaltung im Jahr 2018, die Abläufe gesondert zu regeln. Das "
          "daraus entstandene Handlungskonzept Seiteneinstieg wurde am 14. März 2019 vom "
          "Schulausschuss zustimmend zur Kenntnis genommen. Es legte u. a. die Einrichtung einer "
          "zentralen Clearingstelle für die Schulplatzvergabe, einheitliche Anmeldeunterlagen in "
          "zwölf Sprachen und den Aufbau des Arbeitskreises Seiteneinstieg fest."),
    ("h2", "1.2 Auftrag und Vorgehen der Fortschreibung"),
    ("p", "Mit Beschluss vom 9. Februar 2023 (Vorlage Nr. 0127/2023) hat der städtische Integrationsrat die "
          "Verwaltung beauftragt, das Integrationskonzept fortzuschreiben und dabei die Bildung neu "
          "zugewanderter Kinder und Jugendlicher in den Mittelpunkt zu stellen. Federführend war das "
          "Kommunale Integrationszentrum (KI)."),
    ("p", "Die Fortschreibung orientiert sich am Orientierungsrahmen „Wegbereiter“ von RuhrFutur. "
          "Im ersten Schritt wurde die Ausgangslage bestimmt: Vorhandene Konzepte, Berichte und "
          "Statistiken wurden ausgewertet, und in drei Fachkräfteworkshops (April bis Juni 2023) "
          "mit insgesamt 74 Teilnehmenden aus Schulen, Kitas, Jugendhilfe, Beratungsstellen und "
          "Migrantenselbstorganisationen wurden Erfahrungen zusammengetragen. Ergänzend wurden "
          "Daten der Einwohnermeldestatistik, der Schulstatistik und der Clearingstelle "
          "herangezogen. Die Ergebnisse der Integrationsarbeit seit 2016 wurden in einer Bilanz "
          "zusammengefasst (Kapitel 3). Der Integrationsrat und der Ausschuss für Schule und "
          "Bildung wurden in jeder Sitzung über den Stand der Integrationsplanung informiert."),
]

KAPITEL_2 = [
    ("h1", "2. Leitbild"),
    ("p", "Beispielstadt versteht Integration als wechselseitigen Prozess, der von der "
          "aufnehmenden Stadtgesellschaft und von den Neuzugewanderten gemeinsam gestaltet wird. "
          "Ziel ist die gleichberechtigte Teilhabe an Sprache, Bildung, Arbeit und "
          "gesellschaftlichem Leben. Für die Arbeit mit neu zugewanderten Kindern und Jugendlichen "
          "gelten folgende Grundsätze:"),
    ("bullets", [
        "Jedes Kind und jede bzw. jeder Jugendliche hat vom ersten Tag an ein Recht auf Bildung – "
        "unabhängig von Herkunft und Aufenthaltsstatus.",
        "Sprache ist ein Schlüssel, aber keine Vorbedingung für Teilhabe; Mehrsprachigkeit wird als "
        "Ressource anerkannt und gefördert.",
        "Eltern sind Bildungspartner. Sie werden früh, verständlich und möglichst in ihrer "
        "Familiensprache informiert.",
        "Angebote werden sozialräumlich geplant und dort vorgehalten, wo die Familien leben.",
        "Verwaltung, Schulen und freie Träger stimmen sich ab und vermeiden Doppelstrukturen.",
    ]),
]

KAPITEL_3 = [
    ("h1", "3. Wo stehen wir? Stand der Integrationsarbeit"),
    ("h2", "3.1 Bilanz seit 2016"),
    ("p", "Seit 2016 wurde in Beispielstadt eine tragfähige Grundstruktur aufgebaut. Von den 42 "
          "Maßnahmen des Integrationskonzepts 2016 sind nach der Bilanz des KI 29 umgesetzt, 8 "
          "teilweise umgesetzt und 5 nicht umgesetzt worden. Zu den Erfolgen zählen insbesondere "
          "der Aufbau des Sprachmittlerpools (2017), die Gründung des Netzwerks Ankommen "
          "Beispielstadt (2016) und die Einrichtung der Clearingstelle Schule (2019). Nicht "
          "umgesetzt wurden u. a. ein kommunales Monitoring zur Bildungsbeteiligung neu "
          "zugewanderter Kinder unter sechs Jahren und ein aufsuchendes Beratungsangebot in den "
          "Stadtbezirken Ost und Süd."),
    ("p", "Insgesamt ist die Integrationsarbeit in Beispielstadt gut vernetzt, aber noch stark "
          "projektabhängig: Rund die Hälfte der Angebote für neu zugewanderte Kinder und "
          "Jugendliche ist befristet finanziert. Die Abläufe im Seiteneinstieg sind geregelt, "
          "dauern aber zu lange. Die Angebote konzentrieren sich auf die Stadtbezirke Mitte, Nord "
          "und Hafenviertel; in Ost und Süd ist das Netz deutlich dünner."),
    ("h2", "3.2 Stand nach Handlungsfeldern"),
    ("p", "Die folgende Übersicht fasst für die bildungsbezogenen Handlungsfelder zusammen, welche "
          "Ziele 2016 formuliert wurden, wer zuständig ist und wie der Stand der Umsetzung im "
          "Herbst 2023 eingeschätzt wird."),
    ("table",
     ["Handlungsfeld", "Ziel (Konzept 2016)", "Zuständigkeit", "Stand 2023"],
     [
         ["Frühe Bildung", "Zugang zu Kita oder Brückenangebot für alle neu zugewanderten Kinder",
          "Jugendamt, Kita-Träger", "teilweise erreicht; Brückenangebote nur in Nord und Hafenviertel"],
         ["Schule / Seiteneinstieg", "Schulplatz innerhalb von vier Wochen nach Anmeldung",
          "Schulamt, KI (Clearingstelle)", "nicht erreicht; Verfahren dauert meist länger"],
         ["Übergang Schule – Beruf", "Anschlussperspektive für alle 16- bis 18-Jährigen",
          "Jugendberufsagentur, Berufskolleg am Hafen", "teilweise erreicht; kein schulisches Angebot für junge Volljährige"],
         ["Elternarbeit", "Elternbildungsangebote in allen Stadtbezirken", "KI, VHS, Familienzentren",
          "teilweise erreicht; keine Angebote in Süd"],
         ["Sprachmittlung", "Dolmetschen in Schule und Kita sicherstellen", "KI, Brücke e. V.",
          "weitgehend erreicht; Lücken bei einzelnen Sprachen"],
         ["Außerschulische Bildung", "Freizeit-, Sport- und Kulturangebote öffnen",
          "Jugendamt, Vereine", "teilweise erreicht"],
         ["Interkulturelle Öffnung", "Fortbildung aller Beschäftigten mit Publikumsverkehr",
          "Personal- und Organisationsamt, KI", "erreicht"],
     ],
     [3.2, 4.6, 3.6, 5.0],
     "Tabelle 1: Handlungsfelder, Ziele, Zuständigkeiten und Stand der Umsetzung (eigene Darstellung KI)"),
]

KAPITEL_4 = [
    ("h1", "4. Zielgruppe: neu zugewanderte Kinder und Jugendliche"),
    ("h2", "4.1 Datenlage"),
    ("p", "Als neu zugewandert gelten in diesem Konzept Kinder und Jugendliche, die in den letzten "
          "zwei Jahren aus dem Ausland nach Beispielstadt gezogen sind. Grundlage sind die "
          "Einwohnermeldedaten, die Schulstatistik und die Dokumentation der Clearingstelle."),
    ("p", "Im Kalenderjahr 2022 sind 1.240 neu zugewanderte Kinder und Jugendliche im "
          "schulpflichtigen Alter (6 bis 18 Jahre) nach Beispielstadt gekommen – mehr als dreimal "
          "so viele wie im Jahr 2021 (398). Der Anstieg geht vor allem auf die Aufnahme von "
          "Geflüchteten aus der Ukraine zurück. Für 2023 zeichnet sich ein Rückgang ab; die Zahlen "
          "lagen bei Redaktionsschluss noch nicht vollständig vor."),
    ("p", "Die Kinder und Jugendlichen leben sehr ungleich verteilt im Stadtgebiet: Fast die Hälfte "
          "wohnt in den Stadtbezirken Nord und Hafenviertel, in denen auch der Anteil der Kinder in "
          "SGB-II-Bedarfsgemeinschaften am höchsten ist. Kleinräumige Daten zu Bildung, Gesundheit "
          "und Jugendhilfe werden im Sozialbericht der Stadt ausgewiesen."),
    ("h2", "4.2 Herkunft, Sprachen und Lebenslagen"),
    ("p", "Die größten Herkunftsgruppen sind Kinder und Jugendliche aus der Ukraine, aus Syrien, "
          "Rumänien und Afghanistan. Daneben wächst seit 2021 die Gruppe der Familien aus Eritrea, "
          "die überwiegend Tigrinya sprechen. Viele Jugendliche haben vor der Ankunft längere Zeit "
          "keine Schule besucht; nach Einschätzung der Clearingstelle betrifft dies rund ein "
          "Viertel der über 12-Jährigen aus Syrien und Afghanistan. Einzelne Jugendliche sind nicht "
          "oder kaum alphabetisiert."),
    ("p", "Eine eigene Gruppe bilden unbegleitete minderjährige Ausländerinnen und Ausländer (UMA), "
          "die vom Jugendamt in Obhut genommen werden; zum 30. Juni 2023 waren es 63 junge "
          "Menschen. Zu Kindern unter sechs Jahren liegen kaum belastbare Daten vor: Es ist nicht "
          "bekannt, wie viele neu zugewanderte Kinder eine Kita besuchen und wie viele auf einen "
          "Platz warten."),
    ("h2", "4.3 Schulische Situation"),
    ("p", "Die Integration in das Schulsystem erfolgt in Beispielstadt nach zwei Modellen: In den "
          "Grundschulen werden neu zugewanderte Kinder überwiegend sofort einer Regelklasse "
          "zugeordnet und erhalten zusätzlich Deutschförderung in Kleingruppen. In der "
          "Sekundarstufe I besuchen sie zunächst eine Vorbereitungsklasse bzw. Erstförderung mit "
          "bis zu 22 Wochenstunden Deutsch als Zweitsprache und wechseln schrittweise in den "
          "Regelunterricht. Die Verweildauer in der Erstförderung soll zwei Jahre nicht "
          "überschreiten."),
    ("p", "Aus Sicht der Schulen ist die größte Herausforderung die ungleiche Verteilung: Schulen in "
          "Nord und im Hafenviertel nehmen überdurchschnittlich viele Seiteneinsteigerinnen und "
          "Seiteneinsteiger auf, während in Süd und West freie Plätze bestehen, die wegen langer "
          "Schulwege kaum angenommen werden. Für eine gelingende Integration an der Schule sind "
          "zudem multiprofessionelle Teams, Schulsozialarbeit und eine enge Zusammenarbeit mit den "
          "Eltern entscheidend."),
]

KAPITEL_5 = [
    ("h1", "5. Strukturen und Prozesse"),
    ("h2", "5.1 Kommunales Integrationszentrum"),
    ("p", "Das Kommunale Integrationszentrum Beispielstadt wurde 2013 gem. Teilhabe- und "
          "Integrationsgesetz NRW eingerichtet und ist dem Dezernat für Bildung, Jugend und "
          "Soziales zugeordnet. Es koordiniert die kommunale Integrationsarbeit, berät Schulen und "
          "Kitas und ist Geschäftsstelle des Netzwerks Ankommen Beispielstadt. Im KI arbeiten "
          "derzeit 12 Beschäftigte auf 10,5 Vollzeitstellen, davon zwei vom Land NRW abgeordnete "
          "Lehrkräfte. Leiterin des KI ist Dr. Miriam Albers. Das KI bewirtschaftet zudem die "
          "Landesförderung „KOMM-AN NRW“ und kommunale Integrationsmittel, aus denen "
          "Integrationsprojekte freier Träger mit bis zu 5.000 Euro je Projekt gefördert werden."),
    ("h2", "5.2 Clearingstelle Schule und Schulplatzvergabe"),
    ("p", "Seit dem 1. August 2019 werden alle neu zugewanderten Kinder und Jugendlichen im "
          "schulpflichtigen Alter zentral über die Clearingstelle Schule im KI angemeldet "
          "(Ansprechpartner: Jonas Petersen). Die Zuweisung an eine Schule erfolgt durch die "
          "Schulaufsicht im Schulamt für die Stadt Beispielstadt auf Vorschlag der Clearingstelle. "
          "Das Verfahren gliedert sich in fünf Schritte:"),
    ("table",
     ["Schritt", "Inhalt", "Zuständig", "Dauer (Richtwert)"],
     [
         ["1. Anmeldung", "Anmeldung durch die Sorgeberechtigten, Aufnahme der Daten, Terminvergabe",
          "Clearingstelle (KI)", "bis 5 Arbeitstage"],
         ["2. Erstgespräch", "Gespräch mit der Familie, Bildungsbiografie, Sprachstand und "
          "Vorkenntnisse in Mathematik", "Clearingstelle, Sprachmittlerpool", "ca. 1 Woche"],
         ["3. Schuleingangsuntersuchung", "Schulärztliche Untersuchung einschl. Impfstatus",
          "Gesundheitsamt", "2 bis 3 Wochen"],
         ["4. Zuweisung", "Zuweisungsvorschlag, Entscheidung der Schulaufsicht, Information der Schule",
          "Schulamt", "ca. 1 Woche"],
         ["5. Aufnahme", "Aufnahmegespräch in der Schule, erster Schultag", "aufnehmende Schule",
          "3 bis 5 Arbeitstage"],
     ],
     [4.1, 5.7, 3.6, 3.0],
     "Tabelle 2: Ablauf der Schulplatzvergabe für Seiteneinsteigerinnen und Seiteneinsteiger"),
    ("p", "Der im Handlungskonzept Seiteneinstieg festgelegte Zielwert beträgt höchstens vier Wochen "
          "von der Anmeldung bis zum ersten Schultag. In der Praxis wird dieser Wert häufig "
          "überschritten. Engpässe sind vor allem die Termine für die schulärztliche Untersuchung "
          "und fehlende Plätze in Vorbereitungsklassen der Sekundarstufe I. Derzeit bieten 17 "
          "Schulen in Beispielstadt Vorbereitungsklassen bzw. Erstförderung an."),
    ("h2", "5.3 Bildungsberatung"),
    ("p", "Die Bildungsberatung des KI (Ansprechpartnerin: Aylin Demir) berät neu zugewanderte "
          "Familien und junge Erwachsene zum Schulsystem, zu Schulabschlüssen, zur Anerkennung "
          "ausländischer Zeugnisse und zu Wegen in Ausbildung. Beratungen sind auf Deutsch, "
          "Englisch, Arabisch, Türkisch, Russisch und Ukrainisch ohne Sprachmittlung möglich. Im "
          "Jahr 2022 wurden 1.068 Beratungsgespräche geführt."),
    ("h2", "5.4 Übergang Schule – Beruf"),
    ("p", "Neu zugewanderte Jugendliche ab 16 Jahren werden in der Regel in die Internationalen "
          "Förderklassen (IFK) des Berufskollegs am Hafen aufgenommen. Die Jugendberufsagentur "
          "Beispielstadt (seit 2020; Agentur für Arbeit, Jobcenter und Stadt) berät junge "
          "Menschen bis 25 Jahre. Die Landesinitiative „Kein Abschluss ohne Anschluss“ (KAoA) wird "
          "an allen weiterführenden Schulen umgesetzt; für Seiteneinsteigerinnen und Seiteneinsteiger "
          "gibt es ein angepasstes Verfahren der Potenzialanalyse mit Sprachmittlung. Für junge "
          "Volljährige, die nicht mehr schulpflichtig sind, fehlt bislang ein verlässlicher Zugang "
          "zu schulischen Angeboten."),
]

KAPITEL_6 = [
    ("h1", "6. Netzwerke und Gremien"),
    ("p", "Die Zusammenarbeit der Akteure ist in Beispielstadt in mehreren Netzwerken organisiert:"),
    ("bullets", [
        "Netzwerk Ankommen Beispielstadt: gegründet im Oktober 2016, rund 40 Mitgliedsorganisationen "
        "aus Verwaltung, Wohlfahrtsverbänden, Schulen, Kitas, Migrantenselbstorganisationen und "
        "Sportvereinen. Das Netzwerk tagt vierteljährlich; die Geschäftsstelle liegt beim KI. Gem. "
        "§ 3 Abs. 2 der Geschäftsordnung berichtet das Netzwerk einmal jährlich dem Integrationsrat.",
        "Arbeitskreis Seiteneinstieg: seit 2019; Schulaufsicht, Schulleitungen der 17 Schulen mit "
        "Vorbereitungsklassen, Clearingstelle, Schulsozialarbeit und Jugendmigrationsdienst. Der "
        "Arbeitskreis tagt alle zwei Monate und stimmt insbesondere die Platzkapazitäten ab.",
        "Runder Tisch Hafenviertel: Quartiersnetzwerk seit 2018 im Rahmen des Quartiersmanagements "
        "(Städtebauförderung „Sozialer Zusammenhalt“).",
        "Bildungskonferenz des Regionalen Bildungsnetzwerks: einmal jährlich, Geschäftsstelle im "
        "Bildungsbüro der Stadt.",
    ]),
    ("p", "Das Netzwerk Ankommen Beispielstadt hat seit seiner Gründung drei Arbeitsgruppen "
          "gebildet (AG Frühe Bildung, AG Schule und Übergang, AG Elternarbeit). Es hat u. a. den "
          "mehrsprachigen Wegweiser „Ankommen in Beispielstadt“ (zuletzt aktualisiert 2022) "
          "erarbeitet und die Fachkräfteworkshops zur Fortschreibung dieses Konzepts vorbereitet. "
          "Die praktische Integrationsarbeit der freien Träger und der Verwaltung ist dadurch deutlich "
          "besser abgestimmt als noch 2016."),
    ("p", "In den Stadtbezirken Ost und Süd gibt es bislang kein eigenes Quartiersnetzwerk. Die "
          "Fachkräfteworkshops haben zudem gezeigt, dass Kitas und Sportvereine in den Netzwerken "
          "unterrepräsentiert sind."),
]

KAPITEL_7 = [
    ("h1", "7. Laufende Maßnahmen (Auswahl)"),
    ("p", "Eine vollständige Übersicht der Angebote führt das KI in der jährlich aktualisierten "
          "Maßnahmenübersicht. Beispielhaft seien hier genannt:"),
    ("bullets", [
        "Sprachmittlerpool (seit 2017): rund 65 geschulte ehrenamtliche Sprachmittlerinnen und "
        "Sprachmittler in 18 Sprachen, koordiniert vom KI gemeinsam mit Brücke e. V.; Einsätze in "
        "Schulen, Kitas und Beratungsstellen, im Jahr 2022 insgesamt 1.930 Einsätze.",
        "Elternbildungsprogramme „Griffbereit“ und „Rucksack“ in Kitas und Grundschulen der "
        "Stadtbezirke Mitte, Nord und Hafenviertel.",
        "Bildungslotsinnen und Bildungslotsen des Caritasverbandes: Im Hafenviertel begleiten seit "
        "2018 ehrenamtliche Lotsinnen und Lotsen, die selbst eine Zuwanderungsgeschichte haben, neu "
        "angekommene Familien durch die ersten Monate im Schulsystem – vom Termin in der "
        "Clearingstelle über Elternsprechtage bis zur ersten Klassenfahrt. Derzeit sind 18 "
        "Lotsinnen und Lotsen aktiv.",
        "Internationale Förderklassen am Berufskolleg am Hafen für berufsschulpflichtige "
        "Jugendliche ab 16 Jahren.",
        "Ferienschule „FIT in Deutsch“ der VHS in den Sommerferien für Schülerinnen und Schüler "
        "der Sekundarstufe I.",
        "Schulsozialarbeit an allen 17 Schulen mit Vorbereitungsklassen.",
    ]),
]

KAPITEL_8 = [
    ("h1", "8. Erfahrungswissen: Was wir gelernt haben"),
    ("p", "In den Fachkräfteworkshops wurden die Erfahrungen aus sieben Jahren kommunaler Integrationsarbeit "
          "zusammengetragen. Folgende Erkenntnisse sollen bei allen weiteren Schritten "
          "berücksichtigt werden:"),
    ("bullets", [
        "Frühe Elternarbeit wirkt: Werden Familien bereits beim Erstgespräch in ihrer Sprache "
        "informiert, gibt es in den ersten Monaten deutlich weniger Fehlzeiten.",
        "Feste Ansprechpersonen statt wechselnder Zuständigkeiten: Familien verlieren den Kontakt, "
        "wenn sie zwischen mehreren Stellen weitergeleitet werden.",
        "Vorbereitungsklassen brauchen verbindliche Übergänge: Bleiben Schülerinnen und Schüler "
        "länger als zwei Jahre in der Erstförderung, sinkt ihre Motivation spürbar.",
        "Ehrenamt braucht Hauptamt: Bildungslotsen und Sprachmittlerpool funktionieren nur mit "
        "verlässlicher hauptamtlicher Koordination.",
        "Projektfinanzierung gefährdet Kontinuität: Mit dem Ende des Bundesprogramms „Kita-Einstieg“ "
        "im Dezember 2022 konnte nur eines von drei Brückenangeboten kommunal weitergeführt werden.",
        "Integrationsarbeit gelingt dort am besten, wo Schule, Jugendhilfe und Vereine im "
        "Quartier zusammenarbeiten; die Integrationsangebote im Hafenviertel sind dafür ein gutes "
        "Beispiel.",
        "Persönliche Sprechstunden bleiben wichtig: Die Online-Anmeldung der Clearingstelle wird "
        "von weniger als einem Drittel der Familien genutzt.",
    ]),
]

KAPITEL_9 = [
    ("h1", "9. Angebotslücken"),
    ("p", "Aus der Auswertung der Maßnahmen, der Sozialraumdaten und der Fachkräfteworkshops ergeben "
          "sich die folgenden Angebotslücken:"),
    ("bullets", [
        "Im Stadtbezirk Ost gibt es kein wohnortnahes Bildungs- oder Freizeitangebot für "
        "neu zugewanderte Jugendliche zwischen 16 und 18 Jahren.",
        "Im Stadtbezirk Süd gibt es bislang kein spezifisches Angebot für neu zugewanderte Kinder "
        "und Jugendliche; Familien müssen für jedes Angebot in andere Stadtbezirke fahren.",
        "Für Tigrinya stehen im Sprachmittlerpool keine Sprachmittlerinnen und Sprachmittler zur "
        "Verfügung; auch für Dari und Paschtu reichen die Kapazitäten nicht aus.",
        "Für neu zugewanderte Kinder unter sechs Jahren fehlen Kita-Plätze und Brückenangebote, vor "
        "allem in den Stadtbezirken Ost und Süd.",
        "Es gibt in Beispielstadt kein spezifisches psychosoziales Angebot für belastete oder "
        "traumatisierte Kinder und Jugendliche; die nächste Fachstelle liegt in der Nachbarstadt.",
        "Für junge Volljährige zwischen 18 und 21 Jahren ohne Schulpflicht fehlt ein schulisches "
        "Angebot zum Erwerb eines Abschlusses.",
    ]),
]

KAPITEL_10 = [
    ("h1", "10. Beeinflussbare Faktoren"),
    ("p", "Nicht alle Rahmenbedingungen kann die Stadt selbst gestalten. Die Zuweisung von "
          "Geflüchteten, das Aufenthaltsrecht und die Zahl der Lehrerstellen liegen in der "
          "Verantwortung von Bund und Land. Im eigenen Einflussbereich der Kommune liegen dagegen "
          "insbesondere:"),
    ("bullets", [
        "die Dauer des Anmeldeverfahrens, v. a. die Terminvergabe der Clearingstelle und die "
        "Kapazitäten des Gesundheitsamts für Schuleingangsuntersuchungen,",
        "die Bereitstellung von Schulraum für zusätzliche Vorbereitungsklassen als Schulträger,",
        "die Übernahme von Schülerfahrkosten und die ÖPNV-Anbindung der Berufskollegs,",
        "die Finanzierung und Honorierung des Sprachmittlerpools,",
        "die Kita-Bedarfsplanung und die Priorisierung von Brückenangeboten,",
        "mehrsprachige Informationen über Angebote und Anmeldewege,",
        "die sozialräumliche Steuerung von Fördermitteln und die Verstetigung erfolgreicher Projekte.",
    ]),
]

KAPITEL_11 = [
    ("h1", "11. Ausblick und nächste Schritte"),
    ("p", "Das KI legt dem Integrationsrat bis Ende 2024 einen ersten Umsetzungsbericht vor. Für "
          "2024 hat der Rat folgende Prioritäten festgelegt:"),
    ("bullets", [
        "Verkürzung des Anmeldeverfahrens auf höchstens vier Wochen,",
        "Aufbau eines Angebots für 16- bis 18-Jährige im Stadtbezirk Ost,",
        "Gewinnung von Sprachmittlerinnen und Sprachmittlern für Tigrinya,",
        "Einführung eines Monitorings zur frühen Bildung neu zugewanderter Kinder.",
    ]),
    ("p", "Die Fortschreibung wird im Netzwerk Ankommen Beispielstadt und im Arbeitskreis "
          "Seiteneinstieg begleitet. Eine Evaluation des Konzepts ist für 2026 vorgesehen."),
    ("h2", "Abkürzungen"),
    ("p", "BuT – Bildung und Teilhabe; IFK – Internationale Förderklasse; JMD – "
          "Jugendmigrationsdienst; KAoA – Kein Abschluss ohne Anschluss; KI – Kommunales "
          "Integrationszentrum; UMA – unbegleitete minderjährige Ausländerinnen und Ausländer; "
          "VHS – Volkshochschule."),
]
