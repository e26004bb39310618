"""The SPARQL that reads the built graph for the site.

Every query runs over the union of the graphs (``kg.render.sparql.select``): labels and types of a
shared entity sit in the corpus entity graph while its mentions and the claims about it sit in article
graphs, and ``GRAPH ?g`` says which article a claim or a mention belongs to. Claim classes are found
through the ontology's ``rdfs:subClassOf`` (the ontology is in its own named graph, ``ONT``), so a new
claim class needs no change here.
"""

from kg.render.vocab import ONTOLOGY_IRI

ONT = f"<{ONTOLOGY_IRI}>"

Q_QUADS = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONT}) }}"
Q_ONTOLOGY = f"SELECT ?s ?p ?o WHERE {{ GRAPH {ONT} {{ ?s ?p ?o }} }}"
Q_LABELS = """SELECT ?s ?p ?label WHERE {
  VALUES ?p { rdfs:label skos:prefLabel }
  ?s ?p ?label . FILTER(isIRI(?s) && isLiteral(?label))
}"""
Q_ARTICLES = """SELECT ?g ?article ?context ?text WHERE {
  GRAPH ?g { ?article a dkg:NewsArticle ; dkg:text ?context }
  ?context nif:isString ?text .
}"""
Q_CLAIMS = f"""SELECT ?g ?claim ?class ?article ?status WHERE {{
  GRAPH ?g {{ ?claim a ?class . OPTIONAL {{ ?claim dkg:statedIn ?article }} OPTIONAL {{ ?claim dkg:status ?status }} }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* dkg:Claim }}
  FILTER(?g != {ONT})
}}"""
Q_EVIDENCE = """SELECT ?g ?claim ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?claim dkg:evidence ?span }
  ?span nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?span nif:anchorOf ?anchor }
  OPTIONAL { ?span nif:referenceContext ?context }
}"""
Q_MENTIONS = """SELECT ?g ?entity ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?entity dkg:mention ?span }
  ?span nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?span nif:anchorOf ?anchor }
  OPTIONAL { ?span nif:referenceContext ?context }
}"""
Q_SENTENCES = """SELECT ?g ?span ?begin ?end ?anchor ?context WHERE {
  GRAPH ?g { ?span a dkg:Sentence ; nif:beginIndex ?begin ; nif:endIndex ?end .
             OPTIONAL { ?span nif:anchorOf ?anchor } OPTIONAL { ?span nif:referenceContext ?context } }
}"""
Q_SECTIONS = """SELECT ?g ?article ?section ?title ?span ?begin ?end ?anchor WHERE {
  GRAPH ?g { ?article dkg:section ?section }
  OPTIONAL { ?section dcterms:title ?title }
  OPTIONAL { ?section dkg:heading ?span . ?span nif:beginIndex ?begin ; nif:endIndex ?end .
             OPTIONAL { ?span nif:anchorOf ?anchor } }
}"""
# Entities: whatever is typed and is not a claim, an article, a piece of text, a status or a geometry.
Q_ENTITIES = f"""SELECT DISTINCT ?entity WHERE {{
  GRAPH ?g {{ ?entity a ?class }} FILTER(isIRI(?entity) && ?g != {ONT})
  FILTER NOT EXISTS {{
    ?entity a ?other .
    VALUES ?excluded {{ dkg:Claim dkg:NewsArticle dkg:ArticleSection dkg:TextSpan dkg:Status }}
    GRAPH {ONT} {{ ?other rdfs:subClassOf+ ?excluded }}
  }}
  FILTER NOT EXISTS {{
    ?entity a ?other .
    VALUES ?other {{ dkg:Claim dkg:NewsArticle dkg:ArticleSection dkg:TextSpan dkg:Status nif:Context nif:String
                    geo:Geometry skos:ConceptScheme owl:Class owl:ObjectProperty owl:DatatypeProperty }}
  }}
  FILTER NOT EXISTS {{ ?work schema:translationOfWork ?entity }}
}}"""
