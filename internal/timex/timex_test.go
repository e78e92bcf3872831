package timex

import (
	"testing"
)

// The publication date of the table tests: Thursday 20 November 2025.
const pub = "2025-11-20"

// expressionCases are sentences written for these tests and the
// expressions they hold, as render writes them.
var expressionCases = []struct{ in, want string }{
	// explicit days
	{"The talks opened on 24 February 2022 in Geneva.", "on 24 February 2022|2022-02-24|day|explicit"},
	{"The talks opened on February 24, 2022, in Geneva.", "on February 24, 2022|2022-02-24|day|explicit"},
	{"The ministers met on Feb. 24 in Minsk.", "on Feb. 24|2025-02-24|day|relative"},
	{"He said it on the 24th of Feb 2022 in a speech.", "on the 24th of Feb 2022|2022-02-24|day|explicit"},
	{"The decree is dated 2022-02-24 and was signed later.", "2022-02-24|2022-02-24|day|explicit"},
	{"The vote was held on Sunday, 3 March 2019.", "on Sunday, 3 March 2019|2019-03-03|day|explicit"},
	{"The letter of 24.02.2022 was never answered.", "24.02.2022|2022-02-24|day|explicit"},
	{"The form says 31/12/2019 at the top.", "31/12/2019|2019-12-31|day|explicit"},
	{"The form says 03/04/2021 at the top.", "03/04/2021|2021-03-04|day|explicit"},
	{"On September 11th, 2001 the towers fell.", "On September 11th, 2001|2001-09-11|day|explicit"},
	{"The summit ends on the first of March.", "on the first of March|2025-03-01|day|relative"},
	// months
	{"Russia reacted in March 2014 by claiming the peninsula.", "in March 2014|2014-03|month|explicit"},
	{"It was in August 2025 that the envoy flew east.", "in August 2025|2025-08|month|explicit"},
	{"The draft of April 2022 was shelved.", "April 2022|2022-04|month|explicit"},
	{"Elections were held in March of 2018.", "in March of 2018|2018-03|month|explicit"},
	{"The siege lasted from March to May 2014.", "from March to May 2014|2014-03/2014-05|range|explicit"},
	{"Talks ran December–February 2015 without result.", "December–February 2015|2014-12/2015-02|range|explicit"},
	{"The strikes came between June and August.", "between June and August|2025-06/2025-08|range|relative"},
	{"The army withdrew in March.", "in March|2025-03|month|relative"},
	{"The army will withdraw in March.", "in March|2026-03|month|relative"},
	{"The ceasefire collapsed in December.", "in December|2024-12|month|relative"},
	{"You may leave now.", "now|2025-11-20|day|relative"},
	{"The pact was signed in Sept. 2001.", "in Sept. 2001|2001-09|month|explicit"},
	// years
	{"The plane was shot down in 2014 over the plains.", "in 2014|2014|year|explicit"},
	{"They met at the conference of 2025 in Sochi.", "2025|2025|year|explicit"},
	{"The country misjudged them first in 2004 and then in the 2014.", "in 2004|2004|year|explicit ; in the 2014|2014|year|explicit"},
	{"In the year 1999 the war resumed.", "In the year 1999|1999|year|explicit"},
	{"The 2014 elections were contested.", "2014|2014|year|explicit"},
	{"The mission ran from 1999 to 2009 without pause.", "from 1999 to 2009|1999/2009|range|explicit"},
	{"He was president 2008–2012 and then prime minister.", "2008–2012|2008/2012|range|explicit"},
	{"The budget for 2014/15 was cut.", "2014/15|2014/2015|range|explicit"},
	{"Between 1994 and 1996 the region burned.", "Between 1994 and 1996|1994/1996|range|explicit"},
	// decades and centuries
	{"The alliance grew in the 1990s.", "in the 1990s|199X|decade|explicit"},
	{"He offered to join in the early 2000s, twice.", "in the early 2000s|2000/2003|range|explicit"},
	{"Prices fell in the late 1990s.", "in the late 1990s|1997/1999|range|explicit"},
	{"The mid-1980s were tense.", "The mid-1980s|1984/1986|range|explicit"},
	{"Music of the '60s still sells.", "the '60s|196X|decade|explicit"},
	{"The nineties were chaotic.", "The nineties|199X|decade|explicit"},
	{"Empires fell in the 19th century.", "in the 19th century|1800/1899|range|explicit"},
	// parts of years, seasons, quarters
	{"Testing resumed in late 2025.", "in late 2025|2025-09/2025-12|range|explicit"},
	{"Growth slowed in early 2014.", "in early 2014|2014-01/2014-04|range|explicit"},
	{"The offensive began in mid-2023.", "in mid-2023|2023-05/2023-08|range|explicit"},
	{"Troops massed at the end of March 2021.", "at the end of March 2021|2021-03-21/2021-03-31|range|explicit"},
	{"Sales rose in the first quarter of 2020.", "in the first quarter of 2020|2020-01/2020-03|range|explicit"},
	{"The deal closed in Q3 2021.", "in Q3 2021|2021-07/2021-09|range|explicit"},
	{"The protests peaked in the summer of 2014.", "in the summer of 2014|2014-06/2014-08|range|explicit"},
	{"The siege lasted through winter 2022.", "winter 2022|2022-12/2023-02|range|explicit"},
	{"Talks stalled in the second half of last year.", "in the second half of last year|2024-07/2024-12|range|relative"},
	// deictic
	{"The minister resigned yesterday.", "yesterday|2025-11-19|day|relative"},
	{"The minister resigns today.", "today|2025-11-20|day|relative"},
	{"Rockets hit the port last Tuesday.", "last Tuesday|2025-11-18|day|relative"},
	{"Rockets hit the port on Sunday.", "on Sunday|2025-11-16|day|relative"},
	{"The envoy will arrive on Monday.", "on Monday|2025-11-24|day|relative"},
	{"Prices rose last week.", "last week|2025-11-10/2025-11-16|range|relative"},
	{"Prices rose last month.", "last month|2025-10|month|relative"},
	{"Prices rose last year.", "last year|2024|year|relative"},
	{"Prices rose this year.", "this year|2025|year|relative"},
	{"Prices will rise next month.", "next month|2025-12|month|relative"},
	{"The treaty lapsed two years ago.", "two years ago|2023|year|relative"},
	{"The treaty lapsed 3 months ago.", "3 months ago|2025-08|month|relative"},
	{"The treaty lapsed a few years ago.", "a few years ago|2021/2023|range|relative"},
	{"There were missteps in recent months.", "in recent months|2025-05-20/2025-11-20|range|relative"},
	{"The two sides met recently.", "recently|2025-08-20/2025-11-20|range|relative"},
	{"Trade doubled over the past two years.", "the past two years|2023-11-20/2025-11-20|range|relative"},
	{"The fighting stopped last summer.", "last summer|2025-06/2025-08|range|relative"},
	{"The fighting stopped last winter.", "last winter|2024-12/2025-02|range|relative"},
	{"Talks will resume next summer.", "next summer|2026-06/2026-08|range|relative"},
	{"The army will advance in the spring.", "in the spring|2026-03/2026-05|range|relative"},
	{"The army advanced in the spring.", "in the spring|2025-03/2025-05|range|relative"},
	{"This winter will be hard.", "This winter|2025-12/2026-02|range|relative"},
	{"Strikes hit the city last night.", "last night|2025-11-19|day|relative"},
	// named periods
	{"The promises were made at the end of the Cold War.", "at the end of the Cold War|1989/1991|range|explicit"},
	{"Spies thrived during the Cold War.", "during the Cold War|1947/1991|range|explicit"},
	{"Jihadis fought in the Second Chechen War.", "in the Second Chechen War|1999/2009|range|explicit"},
	{"Moscow was passive during the Orange Revolution.", "during the Orange Revolution|2004|year|explicit"},
	{"The coup came at the height of the Maidan protests.", "at the height of the Maidan protests|2013/2014|range|explicit"},
	{"Regimes fell during the Arab Spring.", "during the Arab Spring|2010/2012|range|explicit"},
	{"Security changed after 9/11.", "9/11|2001-09-11|day|explicit"},
	{"Oil prices soared during the Iraq war.", "during the Iraq war|2003/2011|range|explicit"},
	{"Many fled at the beginning of the Second World War.", "at the beginning of the Second World War|1939|year|explicit"},
	// more forms
	{"The deal was signed on March 3 and ratified on April 5, 2019.", "on March 3|2019-03-03|day|relative ; on April 5, 2019|2019-04-05|day|explicit"},
	{"The summit of 12-13 July 2018 ended.", "12-13 July 2018|2018-07-12/2018-07-13|range|explicit"},
	{"Back in '98 the rouble crashed.", "in '98|1998|year|explicit"},
	{"Putin was president from 2000 to 2008, and again since 2012.", "from 2000 to 2008|2000/2008|range|explicit ; 2012|2012|year|explicit"},
	{"The protests of 2011-12 shook the capital.", "2011-12|2011/2012|range|explicit"},
	{"The date 2/3/2020 is printed on the form.", "2/3/2020|2020-02-03|day|explicit"},
	{"In the late 19th century, empires expanded.", "In the late 19th century|1867/1899|range|explicit"},
	{"By the end of the year, all troops will leave.", "the end of the year|2025-09/2025-12|range|relative"},
	{"He will travel next week.", "next week|2025-11-24/2025-11-30|range|relative"},
	{"The agreement signed this week holds.", "this week|2025-11-17/2025-11-23|range|relative"},
	{"Tomorrow the parliament votes.", "Tomorrow|2025-11-21|day|relative"},
	{"In the coming months, talks will resume.", "In the coming months|2025-11-20/2026-05-20|range|relative"},
	{"Over the past decade, trade collapsed.", "the past decade|2015-11-20/2025-11-20|range|relative"},
	{"Several weeks ago the talks failed.", "Several weeks ago|2025-10-23/2025-11-06|range|relative"},
	{"Decades ago the treaty was signed.", "Decades ago|||relative"},
	{"Since the collapse of the Soviet Union, the alliance has grown.", "the collapse of the Soviet Union|1991-12|month|explicit"},
	// not dates
	{"He served two terms.", ""},
	{"Russia has been fooled for years.", ""},
	{"All 298 people on board were killed.", ""},
	{"The two superpowers talk.", ""},
	{"See page 2014 of the report.", ""},
	{"They paid $2014 for it.", ""},
	{"Leaders met at the G8 summit.", ""},
	{"Flight MH17 was shot down.", ""},
	{"The hotline works 24/7.", ""},
	{"The army sent 2000 soldiers north.", ""},
	{"The fund holds 1,999 shares.", ""},
	{"The late historian agreed.", ""},
	{"Early signs of collapse appeared.", ""},
	{"They may march on the capital.", ""},
	{"She will march with them.", ""},
	{"Theresa May met Merkel and May spoke first.", ""},
	{"The fall of the regime surprised no one.", ""},
	{"Then came the crisis.", ""},
	{"In 2014, the then president fled.", "In 2014|2014|year|explicit"},
	{"In 2014, if the army moved, then the city fell.", "In 2014|2014|year|explicit"},
	{"NATO involvement had been going on for a decade.", ""},
	{"The resolution 2231 was adopted.", ""},
	// terms of office (value needs the actor knowledge base)
	{"Troops stayed in Afghanistan during his first term.", "during his first term|||relative"},
	{"Libya was misread under the presidency of Dmitri Medvedev.", "under the presidency of Dmitri Medvedev|||relative"},
	{"The base was opened during the Obama administration.", "during the Obama administration|||relative"},
	{"Relations froze under President Bush.", "under President Bush|||relative"},
	{"Taxes rose during Putin's second term.", "during Putin's second term|||relative"},
}

func TestExpressions(t *testing.T) {
	for _, c := range expressionCases {
		doc := tag(t, c.in, pub)
		if got := render(doc); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
