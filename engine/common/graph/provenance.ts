/** The PNG text key under which saved images carry the graph that made them. */
export const GRAPH_TEXT_KEY = 'weft:graph';
