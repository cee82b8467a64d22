package vn.lienthong.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes edXML in the shape real systems send (default namespace on the root, prefix
 * {@code edXML:} on the envelope). Attachments are base64-encoded straight from their files,
 * chunk by chunk. What it writes, {@link EdxmlReader} reads back.
 */
public final class EdxmlWriter {
    private static final String NS = EdxmlReader.NS;
    private static final String P = "edXML";
    /** The JDK's own StAX writer (newInstance() would search the class path for a provider at every writer). */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    public void writeStatus(StatusPacket s, OutputStream out) throws IOException {
        try {
            XMLStreamWriter w = open(out);
            el(w, "MessageHeader");
            organization(w, "From", s.from());
            responseFor(w, s.responseFor());
            staff(w, s.staffInfo());
            leaf(w, "StatusCode", s.statusCode());
            leaf(w, "Description", s.description());
            leaf(w, "Timestamp", s.timestamp());
            w.writeEndElement(); // MessageHeader
            w.writeEndElement(); // edXMLHeader
            w.writeEndElement(); // edXMLEnvelope
            close(w);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    public void writeDocument(EdxmlPackage p, OutputStream out) throws IOException {
        writeDocument(p, List.of(), List.of(), out);
    }

    /** A document packet with ToPlaces/Place and OtherInfo/Appendixes/Appendix (which the packet model does not keep). */
    public void writeDocument(EdxmlPackage p, List<String> toPlaces, List<String> appendixes, OutputStream out) throws IOException {
        try {
            XMLStreamWriter w = open(out);
            Map<String, String> f = p.fields();
            el(w, "MessageHeader");
            organization(w, "From", p.from());
            for (Organization o : p.to()) organization(w, "To", o);
            leaf(w, "DocumentId", p.documentId());
            group(w, "Code", "CodeNumber", p.codeNumber(), "CodeNotation", p.codeNotation());
            group(w, "PromulgationInfo", "Place", p.promulgationPlace(), "PromulgationDate", p.promulgationDate());
            group(w, "DocumentType", "Type", p.documentType(), "TypeDetail", f.get("DocumentType/TypeDetail"),
                    "TypeName", p.documentTypeName());
            leaf(w, "Subject", p.subject());
            leaf(w, "Content", p.content());
            group(w, "SignerInfo", "Competence", p.signerCompetence(), "Position", p.signerPosition(),
                    "FullName", p.signerFullName());
            leaf(w, "DueDate", p.dueDate());
            if (!toPlaces.isEmpty()) {
                el(w, "ToPlaces");
                for (String place : toPlaces) leaf(w, "Place", place);
                w.writeEndElement();
            }
            el(w, "OtherInfo");
            leaf(w, "Priority", p.priority());
            for (String k : List.of("SphereOfPromulgation", "TyperNotation", "PromulgationAmount", "PageAmount", "Direction")) {
                leaf(w, k, f.get("OtherInfo/" + k));
            }
            if (!appendixes.isEmpty()) {
                el(w, "Appendixes");
                for (String a : appendixes) leaf(w, "Appendix", a);
                w.writeEndElement();
            }
            w.writeEndElement();
            for (ResponseFor r : p.responseFor()) responseFor(w, r);
            leaf(w, "SteeringType", f.get("SteeringType"));
            w.writeEndElement(); // MessageHeader
            traces(w, p);
            w.writeEndElement(); // edXMLHeader
            el(w, "edXMLBody");
            el(w, "edXMLManifest");
            w.writeAttribute("version", "1.0");
            for (ManifestReference m : p.manifest()) {
                group(w, "Reference", "ContentId", m.contentId(), "ContentType", m.contentType(),
                        "Description", m.description(), "AttachmentName", m.attachmentName());
            }
            w.writeEndElement();
            w.writeEndElement(); // edXMLBody
            w.writeEndElement(); // edXMLEnvelope
            if (!p.attachments().isEmpty()) {
                w.writeStartElement("", "AttachmentEncoded", NS);
                for (Attachment a : p.attachments()) attachment(w, a);
                w.writeEndElement();
            }
            close(w);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void traces(XMLStreamWriter w, EdxmlPackage p) throws XMLStreamException {
        if (p.traces().isEmpty() && p.business() == null) return;
        el(w, "TraceHeaderList");
        for (TraceHeader t : p.traces()) group(w, "TraceHeader", "OrganId", t.organId(), "Timestamp", t.timestamp());
        Business b = p.business();
        if (b != null) {
            el(w, "Bussiness");
            leaf(w, "DocumentId", b.documentId());
            leaf(w, "BussinessDocType", Integer.toString(b.docType()));
            leaf(w, "BussinessDocReason", b.reason());
            leaf(w, "Paper", b.paper());
            if (!b.receiverList().isEmpty()) {
                el(w, "BussinessDocumentInfo");
                el(w, "ReceiverList");
                for (String r : b.receiverList()) group(w, "Receiver", "OrganId", r);
                w.writeEndElement();
                w.writeEndElement();
            }
            if (!b.replacements().isEmpty()) {
                el(w, "ReplacementInfoList");
                for (Business.Replacement r : b.replacements()) {
                    el(w, "ReplacementInfo");
                    leaf(w, "DocumentId", r.documentId());
                    el(w, "OrganIdList");
                    for (String o : r.organIds()) leaf(w, "OrganId", o);
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            staff(w, b.staffInfo());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private void attachment(XMLStreamWriter w, Attachment a) throws XMLStreamException {
        w.writeStartElement("", "Attachment", NS);
        for (String[] kv : new String[][] {{"ContentId", a.contentId()}, {"AttachmentName", a.attachmentName()},
                {"Description", a.description()}, {"ContentType", a.contentType()}}) {
            if (kv[1] != null) {
                w.writeStartElement("", kv[0], NS);
                w.writeCharacters(kv[1]);
                w.writeEndElement();
            }
        }
        w.writeStartElement(P, "ContentTransferEncoded", NS);
        w.writeNamespace(P, NS);
        if (a.file() != null) {
            byte[] buf = new byte[3 * 4096];
            try (InputStream in = Files.newInputStream(a.file())) {
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    w.writeCharacters(Base64.getEncoder().encodeToString(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n)));
                }
            } catch (IOException e) {
                throw new XMLStreamException("cannot read attachment " + a.file(), e);
            }
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    private XMLStreamWriter open(OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(NS);
        w.writeStartElement(NS, "edXML");
        w.writeDefaultNamespace(NS);
        w.writeStartElement(P, "edXMLEnvelope", NS);
        w.writeNamespace(P, NS);
        el(w, "edXMLHeader");
        return w;
    }

    private void close(XMLStreamWriter w) throws XMLStreamException {
        w.writeEndElement(); // edXML
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private void el(XMLStreamWriter w, String name) throws XMLStreamException {
        w.writeStartElement(P, name, NS);
    }

    private void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) return;
        el(w, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void group(XMLStreamWriter w, String name, String... kv) throws XMLStreamException {
        el(w, name);
        for (int i = 0; i < kv.length; i += 2) leaf(w, kv[i], kv[i + 1]);
        w.writeEndElement();
    }

    private void organization(XMLStreamWriter w, String name, Organization o) throws XMLStreamException {
        if (o == null) return;
        group(w, name, "OrganId", o.organId(), "OrganizationInCharge", o.organizationInCharge(), "OrganName", o.organName(),
                "OrganAdd", o.organAdd(), "Email", o.email(), "Telephone", o.telephone(), "Fax", o.fax(), "Website", o.website());
    }

    private void responseFor(XMLStreamWriter w, ResponseFor r) throws XMLStreamException {
        if (r == null) return;
        group(w, "ResponseFor", "OrganId", r.organId(), "Code", r.code(), "PromulgationDate", r.promulgationDate(),
                "DocumentId", r.documentId());
    }

    private void staff(XMLStreamWriter w, StaffInfo s) throws XMLStreamException {
        if (s == null) return;
        group(w, "StaffInfo", "Department", s.department(), "DepartmentId", s.departmentId(), "Staff", s.staff(),
                "StaffId", s.staffId(), "Mobile", s.mobile(), "Email", s.email());
    }
}
