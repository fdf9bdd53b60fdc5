package org.relais.app.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.relais.app.export.TrustedFlaggerReport;
import org.relais.app.export.TrustedFlaggerReports;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditors' page of the yearly trusted-flagger report, with its charts and the CSV the API gives. */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class FlaggerReportPages {

    private final TrustedFlaggerReports reports;

    FlaggerReportPages(TrustedFlaggerReports reports) {
        this.reports = reports;
    }

    @GetMapping("/ui/audit/trusted-flagger")
    String report(@RequestParam(required = false) Integer year, Model model) {
        TrustedFlaggerReport report = reports.of(checked(year));
        model.addAttribute("report", report);
        model.addAttribute("charts", FlaggerReportCharts.of(report));
        model.addAttribute("barWidth", FlaggerReportCharts.BAR_WIDTH);
        Options.addTo(model);
        return "flagger-report";
    }

    @GetMapping("/ui/audit/trusted-flagger.csv")
    void csv(@RequestParam(required = false) Integer year, HttpServletResponse response) throws IOException {
        TrustedFlaggerReport report = reports.of(checked(year));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("trusted-flagger-report-" + report.year() + ".csv").build().toString());
        response.getOutputStream().write(reports.csv(report).getBytes(StandardCharsets.UTF_8));
    }

    private static Integer checked(Integer year) {
        if (year != null && (year < 2000 || year > 2999)) {
            throw new NotFoundException();
        }
        return year;
    }
}
