/**
 * Word lists for person-name detection (names.ts), written for Trellis: given names and family names from
 * many languages, given names that are also common words or places (taken only with more evidence), and
 * capitalised words that are not names. Lowercase; about 9 kB of source, a few kB gzipped.
 */

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Given names that are rarely anything else. */
export const GIVEN_NAMES = words(`
aaron abdul abdullah abigail abraham adam adebayo adel adele adriana adrian adrien agnes ahmad ahmed aidan aiko aisha akira akosua
alan alana alberto albert alejandro aleksandr aleksandra alessandro alessia alex alexander alexandra alexei alexis alfonso alfred ali
alice alicia alina alison amara amanda amelia amina amir amit amy ana anastasia anders andre andrea andreas andrei andrew andy angela
angelica angelo anil anita anja anjali ann anna anne annette anthony antoine antonio anya arjun arnav arthur arturo asha ashley
astrid aurelie ayumi ayesha barbara beatriz beatrice ben benedikt benjamin bernard bettina bianca bjorn björn blessing boris brandon
brenda brian bridget bruno caitlin camila camille carla carlos carmen caroline carsten catherine cecilia celine chen chiara chidi
chinedu chioma chloe chris christian christina christine christoph christopher claire clara claudia colin connor craig cristina
cynthia dagmar daisuke damien dana daniel daniela daniele danielle darius david deborah declan deepak deepika denis dennis derek
diana diego dimitri dmitri dmitry dominik dominique donna doris dorothy duncan edith edward efua eileen elena eleni elias elif elin
elisa elisabeth elizabeth ella ellen emeka emily emilia emma emre enrique eric erik erika esther ethan eva evelyn fabian fatima
fatma felipe felix fernando fiona florian francesca francesco francisco franziska fred frederik freya gabriel gabriela gabriele
gareth gary george gerhard gianluca gillian giorgio giovanni giulia giuseppe gloria gonzalo gregory greta gunnar gustavo hamza hana
hannah hans harald harish haruto hassan heidi helen helena helga henrik henry hiroshi hugo ibrahim ida ifeoma ignacio igor ilse
imran ines ingrid irene irina isaac isabel isabella isabelle ivan jacob jakob james jan jane janet janine jasmin jason javier jean
jennifer jens jeremy jessica jiho joanna joao joão joaquim joe johan johanna john jonas jonathan jorge jose josé josef joseph joshua
juan judith julian juliana julie julien julio jürgen jurgen justin kai kamal karen karim karin karl karthik kasia katarzyna kate
katharina katherine kathleen kathrin katja kazuki keith kemal ken kenji kevin khalid kim kirsten klaus kofi kristina kwame kwabena
lakshmi lara laura lauren laurent lea leah lena leon leonardo leonie li liam lin linda lisa liu lorenzo louis louise lucas lucia
lucía luc luca lucy luis luisa lukas lukasz łukasz mads magdalena mai malik manuel manuela marco marcus margaret margarethe maria
mariana marie marina mario marion marius marek marta martha martin martina mary mateo matteo matthew matthias maureen max maxim
maximilian maya mehmet melanie melissa mia michael michaela michel michelle miguel mihai mikael mikhail milan min mohamed mohammed
monica monika mustafa nadia nadine naomi natalia natalie natasha neha nicola nicolas nicole niklas nikolai nikolaos nils nina noah
noor nora nuno obinna oleg olga oliver olivia olu oluwaseun omar oscar pablo paolo patricia patrick paul paula paulo pedro peter
petra philipp philippe pierre pietro piotr pooja priya priyanka rachel rafael rafaela rahul raj rajesh ralf ramon ravi rebecca
reza ricardo richard rita robert roberto rohan roman rosa ruth ryan sabine sachin sakura sam samantha samuel sandra sanjay sanne
santiago sara sarah sascha sebastian sergei sergio seung shirin shreya simon simone sina siobhan sofia sofía sophia sophie soren
søren stefan stefanie stefano steffen stephanie stephen steven susan susanne sven svetlana takashi takumi tamara tanja tanya tarek
teresa thabo thomas tobias tom tomas tomasz tomás tuan ulrich ursula valentina valeria vanessa vera veronica viktor vincent
vincenzo vivek vladimir wei werner william wojciech xavier xin yan yasmin yoshiko yuki yusuf yvonne zainab zara zeynep zoe zoë
`);

/**
 * Given names that are also common words, places, products or brands ("Will", "May", "Grant",
 * "Bill", "Hope", "Charlotte", "Ada"): a name only with a strong cue, a family name after it, or
 * once the same text has shown it as a name.
 */
export const AMBIGUOUS_GIVEN_NAMES = words(`
will may grant bill hope mark rose amber faith joy grace summer dawn sunny rich art chase hunter mason drew frank jack pat sue
carol holly ivy iris lily daisy ruby pearl crystal autumn april june august victor dean guy miles rob don ray gene sandy robin jay
wade lane reed cliff glen heath brook bob nick sky river stone clay rusty earl duke king prince major chance justice destiny
harmony melody misty penny candy ginger honey cherry hazel olive sage jasmine violet charity patience constance trinity heather
florence victoria charlotte sydney jan mai sofia milan regina eugene tyler oscar jordan austin dallas georgia paris chelsea madison savannah phoenix india kenya lincoln ada julia
alexa siri max sterling
`);

/** Capitalised words that are not names, so a cue or a given name next to them does not make them one. */
export const NOT_NAME_WORDS = words(`
a an the and or but nor so yet for of in on at to by from with without about above after again against all also am any are as be
because been before being below between both can could did do does doing down during each even ever every few further had has have
having he her here hers him his how however i if into is it its just let like me more most my no not now off once only other our
out over own same she should some such than that their them then there these they this those through too under until up very was
we were what when where which while who whom why would you your yours yes yeah ok okay sure perfect great good fine right
sorry please thanks thank cheers regards best kind kindly sincerely warm warmly dear hi hello hey welcome greetings congrats
congratulations morning afternoon evening night today tomorrow yesterday tonight week weekend month year day days monday tuesday
wednesday thursday friday saturday sunday january february march april june july august september october november december
mr mrs ms mx dr prof miss mister sir dame madam mme mlle herr frau sr sra srta team teams everyone everybody all folks guys there
customer customers client clients user users member members support billing finance accounts payable receivable procurement
purchasing legal compliance security privacy operations ops marketing engineering product products service services help helpdesk
desk office admin administrator manager managers management department director head lead chief officer president partner partners
associate analyst engineer agent agents rep staff hr it qa ux ui ceo cto cfo coo vp svp evp founder owner board committee
company group bank inc ltd llc gmbh corp plc sa ag co limited holdings systems solutions analytics research energy health labs
application applications payment payments invoice invoices order orders account access request requests update updates report
reports review reviews fund funds funding money amount details statement summary status notice reminder alert warning error
subject re fw fwd note notes question questions answer issue issues ticket tickets case cases call calls meeting meetings demo
plan plans pricing price prices policy policies contract contracts renewal renewals agreement terms quote quotes proposal offer
data file files form forms document documents page pages section item items line lines list lists table version release build
street st road rd avenue ave drive lane court way square park city state county country north south east west new old first last
next previous final total free premium pro plus basic standard enterprise business personal private public general special
important urgent quick short long high low full half main central global international national local online digital mobile
dashboard portal settings profile login password email phone address sale sales website app api sso crm erp saas pdf csv faq eta
`);

/**
 * Frequent family names (that are not also common words) from many countries: an unknown
 * capitalised word before one of them is taken for a given name ("Hamish Ferguson").
 */
export const FAMILY_NAMES = words(`
abbott acosta adams adebayo adeyemi aguilar ahmed alexander ali allen alvarez anderson andersen andersson antonelli araujo
armstrong bailey banerjee barbieri barnes bauer becker bennett berg bergstrom bernard bertrand bhatt bianchi blanco boateng
bondarenko bose brennan brooks bruno bryant burke butler caldwell campbell cardenas carlsson carter castillo castro chatterjee
chavez chen cheng chopra choi christensen clarke coleman collins colombo conti cooper costa coulibaly cruz cunningham dahl
das davies davis delgado demir diallo diaz dimitrov dubois duarte dupont eriksson evans farouk ferguson fernandes fernandez
ferrari ferreira fischer fitzgerald flores fontaine fraser friedman fujita gallagher garcia garcía gomez gómez gonzalez gonzález
gordon graham gruber gupta gutierrez haddad hamilton hansen harris hartmann hayes henderson hernandez hernández herrera hoffmann
holloway horvath huber hughes ibrahim ito iyer jackson jansen jensen jimenez jiménez johansson johnson jones kaiser kang kapoor
kato kaufmann kelly kennedy khan kim klein kobayashi koch kovacs kowalski kowalska kozlov kraus krishnan kumar kuznetsov lambert
larsen laurent lewis li lim lindberg lindqvist liu lombardi lopez lópez lozano maier maldonado mancini marino martin martinez
martínez matsumoto mcdonald mehta mendes mendez mendoza mensah meyer mitchell molina moreau moreno morgan morris mueller müller
murphy murray nakamura nair ng nguyen nielsen nilsson novak novakova nowak nwosu obi okafor okeke okoro oliveira olsen olsson
ortega ortiz osei owusu pacheco papadopoulos park patel pavlov pereira perez pérez perrin petersen petrov phillips pillai popescu
popov quigley rahman ramirez ramírez ramos rao reddy reyes ricci richter rivera roberts robinson rodriguez rodríguez romano romero
rossi roux ruiz russo saito salazar sanchez sánchez sandoval santos sato schmidt schneider schulz schwarz scott sharma silva
simmons singh sokolov sorensen soto suarez sullivan suzuki svensson takahashi tanaka taylor thompson thomas torres tran turner
vargas vasquez vega volkov wagner walker wang watanabe weber williams wilson wong wright wu yamamoto yang yilmaz yildiz zhang
zhao zhou zimmermann
`);
